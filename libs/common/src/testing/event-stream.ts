import { randomUUID } from 'node:crypto';
import type Redis from 'ioredis';
import type { EventStreamName, EventTypeMap, UsageEvent } from '../contracts/events.contracts';

/**
 * Appends an event to a stream exactly as EventPublisher writes it:
 * `XADD <keyPrefix><stream> * id <eventId> data <json>`, with a plain client (no key prefix of its own).
 */
export function appendStreamEvent<S extends EventStreamName>(
  redis: Redis,
  keyPrefix: string,
  stream: S,
  event: EventTypeMap[S],
): Promise<string | null> {
  return redis.xadd(`${keyPrefix}${stream}`, '*', 'id', event.eventId, 'data', JSON.stringify(event));
}

/** A valid usage event (a fresh event id, request id and key, now) with `overrides` on top. */
export const usageEventFixture = (overrides: Partial<UsageEvent> = {}): UsageEvent => ({
  eventId: randomUUID(),
  requestId: `req-${randomUUID()}`,
  occurredAt: new Date().toISOString(),
  userId: randomUUID(),
  apiKeyId: randomUUID(),
  teamId: null,
  endpoint: 'chat.completions',
  model: 'gpt-4o',
  upstreamModel: 'gpt-4o-2024-08-06',
  provider: 'openai',
  connectionId: null,
  stream: false,
  promptTokens: 10,
  completionTokens: 20,
  totalTokens: 30,
  cachedTokens: 0,
  reasoningTokens: 0,
  costUsd: 0.1,
  latencyMs: 100,
  status: 200,
  errorCode: null,
  ...overrides,
});
