import Joi from 'joi';
import type { AuditEvent, EventStreamName, UsageEvent } from '../contracts/events.contracts';
import { EventStreams } from '../contracts/events.contracts';

const INT_MAX = 2_147_483_647;
const count = () => Joi.number().integer().min(0).max(INT_MAX);

/**
 * Events are an edge like HTTP bodies. StreamConsumer validates every entry against its stream's
 * schema: one a consumer's table cannot hold (a non-uuid user id, a negative token count) would
 * fail its batch forever, so it is dead-lettered instead. Fields added to the contract later are
 * ignored by older consumers.
 */
export const usageEventSchema = Joi.object<UsageEvent>({
  eventId: Joi.string().max(128).required(),
  requestId: Joi.string().max(128).required(),
  occurredAt: Joi.string().isoDate().required(),
  userId: Joi.string().guid().required(),
  apiKeyId: Joi.string().guid().required(),
  teamId: Joi.string().guid().allow(null).default(null),
  endpoint: Joi.string().max(64).required(),
  model: Joi.string().max(256).required(),
  upstreamModel: Joi.string().max(256).allow(null).default(null),
  provider: Joi.string().max(64).allow(null).default(null),
  connectionId: Joi.string().guid().allow(null).default(null),
  stream: Joi.boolean().required(),
  promptTokens: count().required(),
  completionTokens: count().required(),
  totalTokens: count().required(),
  cachedTokens: count().default(0),
  reasoningTokens: count().default(0),
  costUsd: Joi.number().min(0).max(9_999_999_999).required(),
  latencyMs: count().required(),
  status: Joi.number().integer().min(100).max(599).required(),
  errorCode: Joi.string().max(128).allow(null).default(null),
}).options({ stripUnknown: true });

const nullableId = () => Joi.string().guid().allow(null).default(null);
const nullableText = () => Joi.string().allow('', null).default(null);

export const auditEventSchema = Joi.object<AuditEvent>({
  eventId: Joi.string().max(128).required(),
  requestId: Joi.string().max(128).required(),
  occurredAt: Joi.string().isoDate().required(),
  service: Joi.string().max(64).required(),
  userId: nullableId(),
  apiKeyId: nullableId(),
  teamId: nullableId(),
  method: Joi.string().max(16).required(),
  path: Joi.string().required(),
  model: Joi.string().max(256).allow(null).default(null),
  status: Joi.number().integer().min(100).max(599).required(),
  latencyMs: count().required(),
  clientIp: Joi.string().max(64).allow(null).default(null),
  userAgent: nullableText(),
  errorMessage: nullableText(),
}).options({ stripUnknown: true });


/** The schema every consumer of a stream validates its entries against. */
export const EVENT_SCHEMAS: Record<EventStreamName, Joi.ObjectSchema> = {
  [EventStreams.usage]: usageEventSchema,
  [EventStreams.audit]: auditEventSchema,
};
