export * from './core.module';
export * from './bootstrap-service';
