export * from './joi-validation.pipe';
export * from './id-param.schema';
