import {
  baseEnvSchema,
  BaseEnv,
  databaseEnvSchema,
  DatabaseEnv,
  jwtVerifyEnvSchema,
  JwtVerifyEnv,
  portSchema,
} from '@llmgw/common';
import Joi from 'joi';

export type LoggerServiceEnv = BaseEnv &
  DatabaseEnv &
  JwtVerifyEnv & {
    /** Audit rows older than this many days are deleted (at boot and hourly). */
    AUDIT_RETENTION_DAYS: number;
    /** Reserved for a MongoDB audit store; PostgreSQL is the only store today. */
    MONGODB_URI?: string;
  };

export const loggerServiceEnvSchema = {
  ...baseEnvSchema,
  ...portSchema(3005),
  ...databaseEnvSchema,
  ...jwtVerifyEnvSchema,
  AUDIT_RETENTION_DAYS: Joi.number().integer().min(1).max(36_500).default(30),
  MONGODB_URI: Joi.string()
    .uri({ scheme: ['mongodb', 'mongodb+srv'] })
    .optional(),
};
