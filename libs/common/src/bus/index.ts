export * from './redis-transport';
export * from './rpc-client';
export * from './rpc-payload.decorator';
export * from './rpc-context.interceptor';
export * from './bus.module';
