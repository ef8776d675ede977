export * from './public.decorator';
export * from './access-token';
export * from './jwt.strategy';
export * from './jwt-auth.guard';
export * from './roles.guard';
export * from './auth.module';
