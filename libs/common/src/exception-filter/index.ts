export * from './service.exception';
export * from './error-classifier';
export * from './body-parse-error';
export * from './http-exception.filter';
export * from './rpc-exception.filter';
