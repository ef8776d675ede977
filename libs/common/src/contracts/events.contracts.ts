/**
 * Durable events: Redis Streams with one consumer group per consuming service. Handlers are
 * idempotent by `eventId`. Nothing that bills or audits goes over plain pub/sub.
 */
export const EventStreams = {
  usage: 'events:usage',
  audit: 'events:audit',
} as const;
export type EventStreamName = (typeof EventStreams)[keyof typeof EventStreams];

export type GatewayEndpoint = 'chat.completions' | 'completions' | 'embeddings';

/** One per request that reached a model (or failed trying): the unit of billing. */
export interface UsageEvent {
  eventId: string;
  requestId: string;
  /** ISO timestamp of when the request arrived. */
  occurredAt: string;
  userId: string;
  apiKeyId: string;
  teamId: string | null;
  endpoint: GatewayEndpoint;
  /** Public model id as the caller named it. */
  model: string;
  upstreamModel: string | null;
  provider: string | null;
  connectionId: string | null;
  stream: boolean;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  cachedTokens: number;
  reasoningTokens: number;
  costUsd: number;
  latencyMs: number;
  /** HTTP status sent to the caller. */
  status: number;
  errorCode: string | null;
}

/** One per authenticated gateway request: who did what, when, with what outcome. */
export interface AuditEvent {
  eventId: string;
  requestId: string;
  occurredAt: string;
  service: string;
  userId: string | null;
  apiKeyId: string | null;
  teamId: string | null;
  method: string;
  path: string;
  model: string | null;
  status: number;
  latencyMs: number;
  clientIp: string | null;
  userAgent: string | null;
  errorMessage: string | null;
}

export interface EventTypeMap {
  'events:usage': UsageEvent;
  'events:audit': AuditEvent;
}
