import {
  baseEnvSchema,
  BaseEnv,
  databaseEnvSchema,
  DatabaseEnv,
  jwtVerifyEnvSchema,
  JwtVerifyEnv,
  portSchema,
} from '@llmgw/common';

export type AnalyticServiceEnv = BaseEnv & DatabaseEnv & JwtVerifyEnv;

export const analyticServiceEnvSchema = {
  ...baseEnvSchema,
  ...portSchema(3004),
  ...databaseEnvSchema,
  ...jwtVerifyEnvSchema,
};
