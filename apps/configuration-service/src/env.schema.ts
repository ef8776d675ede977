import * as Joi from 'joi';
import {
  baseEnvSchema,
  BaseEnv,
  databaseEnvSchema,
  DatabaseEnv,
  encryptionEnvSchema,
  EncryptionEnv,
  jwtVerifyEnvSchema,
  JwtVerifyEnv,
  portSchema,
} from '@llmgw/common';

export interface ConfigurationEnv extends BaseEnv, DatabaseEnv, JwtVerifyEnv, EncryptionEnv {
  /** Seed a `demo` connection and model on the first boot, so a fresh install answers at once. */
  DEMO_MODEL_ENABLED: boolean;
}

export const configurationEnvSchema = {
  ...baseEnvSchema,
  ...portSchema(3002),
  ...databaseEnvSchema,
  ...jwtVerifyEnvSchema,
  ...encryptionEnvSchema,
  DEMO_MODEL_ENABLED: Joi.boolean().default(true),
};
