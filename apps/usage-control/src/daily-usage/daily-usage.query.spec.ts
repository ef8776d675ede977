import type { AuthenticatedUser } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { serviceErrorOf } from '@llmgw/common/testing';
import {
  dailyUsageQuerySchema,
  scopeDailyUsageQuery,
  type DailyUsageQuery,
} from './daily-usage.query';

const ALICE = '0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f';
const BOB = '5e2d7a9b-1c3f-4b8e-a6d5-7c9e0f1a2b3c';

/** The query as GET /admin/api/daily-usage receives it, after its validation pipe. */
const parseDailyUsageQuery = (raw: unknown): DailyUsageQuery =>
  validate(dailyUsageQuerySchema).transform(raw);

describe('daily usage query', () => {
  afterEach(() => jest.useRealTimers());

  it('defaults the day to today in UTC', () => {
    jest.useFakeTimers({ now: new Date('2026-03-01T23:30:00-05:00') });
    expect(parseDailyUsageQuery({})).toEqual({
      day: '2026-03-02',
    });
  });

  it('accepts a day and a user', () => {
    expect(parseDailyUsageQuery({ day: '2024-02-29', userId: ALICE })).toEqual({
      day: '2024-02-29',
      userId: ALICE,
    });
  });

  it.each([
    [{ day: '2026-3-1' }, 'day', 'YYYY-MM-DD'],
    [{ day: '2026-02-30' }, 'day', 'calendar date'],
    [{ day: '2026-03-01T00:00:00Z' }, 'day', 'YYYY-MM-DD'],
    [{ userId: 'bob' }, 'userId', 'GUID'],
    [{ date: '2026-03-01' }, 'date', 'not allowed'],
  ])('rejects %j', (raw, field, text) => {
    const result = serviceErrorOf(() => parseDailyUsageQuery(raw));
    expect(result).toMatchObject({
      reason: 'INVALID_REQUEST',
      details: { fields: [{ field, message: expect.any(String) }] },
    });
    expect(result.message).toContain(text);
  });
});

describe('scopeDailyUsageQuery', () => {
  const user: AuthenticatedUser = { userId: BOB, email: 'b@x', role: 'user', teamId: null };
  const admin: AuthenticatedUser = { ...user, userId: ALICE, role: 'admin' };

  it('lets an admin read anyone and scopes a user to themselves', () => {
    expect(scopeDailyUsageQuery({ day: '2026-03-01', userId: BOB }, admin)).toEqual({
      day: '2026-03-01',
      userId: BOB,
    });
    expect(scopeDailyUsageQuery({ day: '2026-03-01' }, admin)).toEqual({ day: '2026-03-01' });
    expect(scopeDailyUsageQuery({ day: '2026-03-01' }, user)).toEqual({
      day: '2026-03-01',
      userId: BOB,
    });
  });

  it("refuses a user asking for someone else's usage", () => {
    expect(
      serviceErrorOf(() => scopeDailyUsageQuery({ day: '2026-03-01', userId: ALICE }, user)),
    ).toMatchObject({
      reason: 'DAILY_USAGE_OTHER_USER',
    });
  });
});
