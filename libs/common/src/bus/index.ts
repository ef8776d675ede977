export * from './redis-transport';
export * from './rpc-client';
export * from './rpc-payload.decorator';
export * from './bus.module';
