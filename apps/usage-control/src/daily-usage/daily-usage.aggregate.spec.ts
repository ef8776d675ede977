import { aggregateDailyUsage, firstOfEach, utcDay } from './daily-usage.aggregate';
import type { DailyUsageEvent } from './daily-usage.aggregate';

const USER = '0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f';
const KEY_A = '5e2d7a9b-1c3f-4b8e-a6d5-7c9e0f1a2b3c';
const KEY_B = '9a8b7c6d-5e4f-4a3b-8c2d-1e0f9a8b7c6d';
const TEAM = 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f';

let seq = 0;
const event = (overrides: Partial<DailyUsageEvent> = {}): DailyUsageEvent => ({
  eventId: `evt-${++seq}`,
  occurredAt: '2026-03-01T10:00:00.000Z',
  userId: USER,
  apiKeyId: KEY_A,
  teamId: null,
  model: 'gpt-4o',
  promptTokens: 10,
  completionTokens: 5,
  costUsd: 0.001,
  ...overrides,
});

describe('utcDay', () => {
  it('is the UTC calendar day, whatever the offset the timestamp was written with', () => {
    expect(utcDay('2026-03-01T23:59:59.999Z')).toBe('2026-03-01');
    expect(utcDay('2026-03-02T01:00:00+05:00')).toBe('2026-03-01');
    expect(utcDay('2026-03-01T20:00:00-05:00')).toBe('2026-03-02');
  });
});

describe('aggregateDailyUsage', () => {
  it('sums requests, tokens and cost per (day, user, key, model)', () => {
    const rows = aggregateDailyUsage([
      event(),
      event({ promptTokens: 1, completionTokens: 2, costUsd: 0.002 }),
      event({ apiKeyId: KEY_B }),
      event({ model: 'claude' }),
      event({ occurredAt: '2026-03-02T00:00:00.000Z' }),
    ]);
    expect(rows).toHaveLength(4);
    expect(
      rows.find((r) => r.day === '2026-03-01' && r.apiKeyId === KEY_A && r.model === 'gpt-4o'),
    ).toEqual({
      day: '2026-03-01',
      userId: USER,
      apiKeyId: KEY_A,
      teamId: null,
      model: 'gpt-4o',
      requests: 2,
      promptTokens: 11,
      completionTokens: 7,
      costUsd: expect.closeTo(0.003, 12),
    });
    expect(rows.find((r) => r.day === '2026-03-02')?.requests).toBe(1);
  });

  it('keeps one row per unique key when the team changes within a batch (last event wins)', () => {
    const rows = aggregateDailyUsage([event({ teamId: null }), event({ teamId: TEAM })]);
    expect(rows).toEqual([expect.objectContaining({ requests: 2, teamId: TEAM })]);
  });

  it('returns rows sorted by key so replicas upsert in the same lock order', () => {
    const rows = aggregateDailyUsage([
      event({ model: 'z-model' }),
      event({ occurredAt: '2026-02-28T12:00:00Z' }),
      event({ model: 'a-model' }),
    ]);
    expect(rows.map((r) => `${r.day} ${r.model}`)).toEqual([
      '2026-02-28 gpt-4o',
      '2026-03-01 a-model',
      '2026-03-01 z-model',
    ]);
  });

  it('is empty for no events', () => {
    expect(aggregateDailyUsage([])).toEqual([]);
  });
});

describe('firstOfEach', () => {
  it('keeps only the ids not counted before, each once', () => {
    const a = event({ eventId: 'a' });
    const aAgain = event({ eventId: 'a', promptTokens: 999 });
    const b = event({ eventId: 'b' });
    const c = event({ eventId: 'c' });
    expect(firstOfEach([a, b, aAgain, c], new Set(['a', 'c']))).toEqual([a, c]);
  });
});
