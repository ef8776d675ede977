export * from './env';
export * from './env.tokens';
