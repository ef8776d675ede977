export * from './test-env';
export * from './spawn-service';
