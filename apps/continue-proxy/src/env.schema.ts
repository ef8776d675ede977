import { baseEnvSchema, BaseEnv, jwtVerifyEnvSchema, JwtVerifyEnv, portSchema } from '@llmgw/common';

export type ContinueProxyEnv = BaseEnv & JwtVerifyEnv;

export const continueProxyEnvSchema = { ...baseEnvSchema, ...portSchema(3006), ...jwtVerifyEnvSchema };
