export * from './rpc';
export * from './auth.contracts';
export * from './config.contracts';
export * from './events.contracts';
