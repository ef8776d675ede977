export * from './test-env';
export * from './spawn-service';
export * from './http';
export * from './eventually';
export * from './event-stream';
export * from './tcp-proxy';
export * from './services-with-auth';
export * from './service-error';
