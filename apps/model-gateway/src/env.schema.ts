import * as Joi from 'joi';
import { baseEnvSchema, BaseEnv, encryptionEnvSchema, EncryptionEnv, portSchema } from '@llmgw/common';
import { eventPublisherEnvSchema, type EventPublisherEnv } from '@llmgw/common/events';

export interface GatewayEnv extends BaseEnv, EncryptionEnv, EventPublisherEnv {
  /** Time to the upstream's response headers before the call fails with 504. */
  UPSTREAM_HEADERS_TIMEOUT_MS: number;
  /** Retries of a retryable upstream failure (429, 5xx, connection) before anything reached the caller. */
  UPSTREAM_RETRIES: number;
  API_KEY_CACHE_TTL_MS: number;
  API_KEY_NEGATIVE_CACHE_TTL_MS: number;
  API_KEY_CACHE_MAX: number;
  /** How often the gateway re-checks the config version in Redis, healing a missed broadcast. */
  CONFIG_RECHECK_MS: number;
}

export const gatewayEnvSchema = {
  ...baseEnvSchema,
  ...portSchema(3000),
  ...encryptionEnvSchema,
  ...eventPublisherEnvSchema,
  UPSTREAM_HEADERS_TIMEOUT_MS: Joi.number().integer().min(100).default(120_000),
  UPSTREAM_RETRIES: Joi.number().integer().min(0).max(5).default(2),
  API_KEY_CACHE_TTL_MS: Joi.number().integer().min(0).default(300_000),
  API_KEY_NEGATIVE_CACHE_TTL_MS: Joi.number().integer().min(0).default(5_000),
  API_KEY_CACHE_MAX: Joi.number().integer().min(100).default(100_000),
  CONFIG_RECHECK_MS: Joi.number().integer().min(100).default(5_000),
  // Each model request already leaves an audit event (logger-service) and an nginx access-log
  // line; a third line per request costs the hot path ~10% of its CPU. Errors are still logged.
  HTTP_ACCESS_LOG: Joi.boolean().default(false),
};
