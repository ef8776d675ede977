import {
  baseEnvSchema,
  BaseEnv,
  databaseEnvSchema,
  DatabaseEnv,
  jwtVerifyEnvSchema,
  JwtVerifyEnv,
  portSchema,
} from '@llmgw/common';

export type UsageControlEnv = BaseEnv & DatabaseEnv & JwtVerifyEnv;

export const usageControlEnvSchema = {
  ...baseEnvSchema,
  ...portSchema(3003),
  ...databaseEnvSchema,
  ...jwtVerifyEnvSchema,
};
