import * as Joi from 'joi';
import { baseEnvSchema, BaseEnv, databaseEnvSchema, DatabaseEnv, portSchema } from '@llmgw/common';

export interface AuthServiceEnv extends BaseEnv, DatabaseEnv {
  /** The first admin, created on boot when no user has this email. Never overwrites an existing password. */
  ADMIN_EMAIL: string;
  ADMIN_PASSWORD: string;
  JWT_ISSUER: string;
  JWT_AUDIENCE: string;
  ACCESS_TOKEN_TTL_SECONDS: number;
  REFRESH_TOKEN_TTL_SECONDS: number;
  /** Optional 32-byte base64 key; when set, new signing keys are stored with their private half sealed. */
  SIGNING_KEY_ENCRYPTION_KEY?: string;
}

export const authServiceEnvSchema = {
  ...baseEnvSchema,
  ...portSchema(3001),
  ...databaseEnvSchema,
  ADMIN_EMAIL: Joi.string().email({ tlds: false }).lowercase().default('admin@example.com'),
  ADMIN_PASSWORD: Joi.string().min(8).required(),
  JWT_ISSUER: Joi.string().default('llmgw-auth'),
  JWT_AUDIENCE: Joi.string().default('llmgw'),
  ACCESS_TOKEN_TTL_SECONDS: Joi.number().integer().min(30).max(86_400).default(900),
  REFRESH_TOKEN_TTL_SECONDS: Joi.number()
    .integer()
    .min(60)
    .default(30 * 24 * 3600),
  SIGNING_KEY_ENCRYPTION_KEY: Joi.string()
    .base64()
    .custom((value: string, helpers) =>
      Buffer.from(value, 'base64').length === 32 ? value : helpers.error('any.invalid'),
    )
    .optional()
    .messages({
      'any.invalid': 'SIGNING_KEY_ENCRYPTION_KEY must be 32 random bytes, base64-encoded',
    }),
};
