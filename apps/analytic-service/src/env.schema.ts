import {
  baseEnvSchema,
  BaseEnv,
  databaseEnvSchema,
  DatabaseEnv,
  jwtVerifyEnvSchema,
  JwtVerifyEnv,
  portSchema,
} from '@llmgw/common';
import * as Joi from 'joi';

export type AnalyticServiceEnv = BaseEnv &
  DatabaseEnv &
  JwtVerifyEnv & {
    /** How long a stats summary is served from the shared Redis cache. */
    STATS_CACHE_TTL_MS: number;
  };

export const analyticServiceEnvSchema = {
  ...baseEnvSchema,
  ...portSchema(3004),
  ...databaseEnvSchema,
  ...jwtVerifyEnvSchema,
  STATS_CACHE_TTL_MS: Joi.number().integer().min(100).default(5_000),
};
