import * as Joi from 'joi';

/** Settings every service reads. Each app composes these pieces into its own `env.schema.ts`. */
export interface BaseEnv {
  NODE_ENV: 'development' | 'production' | 'test';
  LOG_LEVEL: 'fatal' | 'error' | 'warn' | 'info' | 'debug' | 'trace' | 'silent';
  HOST: string;
  PORT: number;
  REDIS_URL: string;
  REDIS_KEY_PREFIX: string;
  BUS_NAMESPACE: string;
  RPC_TIMEOUT_MS: number;
  BODY_LIMIT: string;
  CORS_ORIGINS: string;
  /** One log line per HTTP request (pino-http). */
  HTTP_ACCESS_LOG: boolean;
}

export const baseEnvSchema = {
  NODE_ENV: Joi.string().valid('development', 'production', 'test').default('development'),
  LOG_LEVEL: Joi.string().valid('fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent').default('info'),
  HOST: Joi.string().default('127.0.0.1'),
  REDIS_URL: Joi.string().uri({ scheme: ['redis', 'rediss'] }).default('redis://127.0.0.1:6379/0'),
  REDIS_KEY_PREFIX: Joi.string().allow('').default('llmgw:'),
  BUS_NAMESPACE: Joi.string().allow('').default(''),
  RPC_TIMEOUT_MS: Joi.number().integer().min(100).default(5000),
  BODY_LIMIT: Joi.string().default('20mb'),
  CORS_ORIGINS: Joi.string().allow('').default(''),
  HTTP_ACCESS_LOG: Joi.boolean().default(true),
};

export const portSchema = (defaultPort: number) => ({ PORT: Joi.number().port().default(defaultPort) });

export interface DatabaseEnv {
  DATABASE_URL: string;
  DB_MIGRATE_ON_BOOT: boolean;
  DB_POOL_SIZE: number;
}

export const databaseEnvSchema = {
  DATABASE_URL: Joi.string()
    .uri({ scheme: ['postgres', 'postgresql'] })
    .default('postgres://postgres@127.0.0.1:5432/llmgw'),
  DB_MIGRATE_ON_BOOT: Joi.boolean().default(true),
  DB_POOL_SIZE: Joi.number().integer().min(1).max(200).default(10),
};

export interface JwtVerifyEnv {
  AUTH_JWKS_URL: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
}

export const jwtVerifyEnvSchema = {
  AUTH_JWKS_URL: Joi.string().uri().default('http://127.0.0.1:3001/auth/.well-known/jwks.json'),
  JWT_ISSUER: Joi.string().default('llmgw-auth'),
  JWT_AUDIENCE: Joi.string().default('llmgw'),
};

export interface EncryptionEnv {
  CONFIG_ENCRYPTION_KEY: string;
}

export const encryptionEnvSchema = {
  CONFIG_ENCRYPTION_KEY: Joi.string()
    .base64()
    .custom((value: string, helpers) =>
      Buffer.from(value, 'base64').length === 32 ? value : helpers.error('any.invalid'),
    )
    .required()
    .messages({ 'any.invalid': 'CONFIG_ENCRYPTION_KEY must be 32 random bytes, base64-encoded' }),
};

export class EnvValidationError extends Error {}

/** Validate `process.env` against a schema at start; fail fast with every problem listed. */
export function loadEnv<T>(schemaKeys: Joi.PartialSchemaMap, source: NodeJS.ProcessEnv = process.env): T {
  const { error, value } = Joi.object(schemaKeys)
    .unknown(true)
    .validate(source, { abortEarly: false, convert: true });
  if (error) {
    throw new EnvValidationError(`Invalid environment: ${error.details.map((d) => d.message).join('; ')}`);
  }
  return value as T;
}
