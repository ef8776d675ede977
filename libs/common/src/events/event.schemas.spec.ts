import type { UsageEvent } from '../contracts/events.contracts';
import { usageEventSchema } from './event.schemas';

const event = (overrides: Partial<Record<keyof UsageEvent, unknown>> = {}): UsageEvent =>
  ({
    eventId: 'evt-1',
    requestId: 'req-1',
    occurredAt: '2026-03-01T10:00:00.000Z',
    userId: '0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f',
    apiKeyId: '5e2d7a9b-1c3f-4b8e-a6d5-7c9e0f1a2b3c',
    teamId: null,
    endpoint: 'chat.completions',
    model: 'gpt-4o',
    upstreamModel: null,
    provider: 'openai',
    connectionId: null,
    stream: false,
    promptTokens: 10,
    completionTokens: 5,
    totalTokens: 15,
    cachedTokens: 0,
    reasoningTokens: 0,
    costUsd: 0.001,
    latencyMs: 200,
    status: 200,
    errorCode: null,
    ...overrides,
  }) as UsageEvent;

describe('usageEventSchema', () => {
  it('refuses what the usage tables cannot hold', () => {
    expect(usageEventSchema.validate(event()).error).toBeUndefined();
    expect(usageEventSchema.validate(event({ userId: 'not-a-uuid' })).error?.message).toContain('userId');
    expect(usageEventSchema.validate(event({ promptTokens: -1 })).error?.message).toContain('promptTokens');
  });

  it('fills optional counters and ignores fields added to the contract later', () => {
    const raw = event({ cachedTokens: undefined, reasoningTokens: undefined, somethingNew: 1 } as never);
    const { value } = usageEventSchema.validate(raw);
    expect(value).toMatchObject({ cachedTokens: 0, reasoningTokens: 0 });
    expect(value).not.toHaveProperty('somethingNew');
  });
});
