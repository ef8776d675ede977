import type { AuthenticatedUser } from '@llmgw/common/guards';
import { UsageException } from './usage.exception';
import { parseUsageQuery, scopeUsageQuery } from './usage.query';

const ALICE = '0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f';
const BOB = '5e2d7a9b-1c3f-4b8e-a6d5-7c9e0f1a2b3c';
const admin: AuthenticatedUser = { userId: ALICE, email: 'a@x', role: 'admin', teamId: null };
const user: AuthenticatedUser = { userId: BOB, email: 'b@x', role: 'user', teamId: null };

const reasonOf = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof UsageException
      ? { reason: error.reason, message: error.message, details: error.details }
      : error;
  }
  return 'did not throw';
};

describe('parseUsageQuery', () => {
  it('defaults the limit to 50 and converts query strings', () => {
    expect(parseUsageQuery({})).toEqual({ limit: 50 });
    const parsed = parseUsageQuery({
      limit: '1000',
      userId: ALICE,
      model: 'gpt-4o',
      since: '2026-01-02T03:04:05Z',
    });
    expect(parsed).toEqual({
      limit: 1000,
      userId: ALICE,
      model: 'gpt-4o',
      since: new Date('2026-01-02T03:04:05Z'),
    });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '1001' }, 'limit'],
    [{ limit: 'ten' }, 'limit'],
    [{ limit: '2.5' }, 'limit'],
    [{ limit: ['1', '2'] }, 'limit'],
    [{ userId: 'alice' }, 'userId'],
    [{ since: 'yesterday' }, 'since'],
    [{ user_id: ALICE }, 'user_id'],
  ])('rejects %j naming the field', (raw, field) => {
    expect(reasonOf(() => parseUsageQuery(raw))).toMatchObject({
      reason: 'USAGE_INVALID_QUERY',
      details: { fields: [{ field, message: expect.stringContaining(`"${field}"`) }] },
    });
  });
});

describe('scopeUsageQuery', () => {
  it('lets an admin read anyone', () => {
    expect(scopeUsageQuery({ limit: 5, userId: BOB }, admin)).toEqual({ limit: 5, userId: BOB });
    expect(scopeUsageQuery({ limit: 5 }, admin)).toEqual({ limit: 5 });
  });

  it('scopes a user to their own records', () => {
    expect(scopeUsageQuery({ limit: 5, model: 'm' }, user)).toEqual({
      limit: 5,
      model: 'm',
      userId: BOB,
    });
    expect(scopeUsageQuery({ limit: 5, userId: BOB }, user)).toEqual({ limit: 5, userId: BOB });
  });

  it("refuses a user asking for someone else's records", () => {
    expect(reasonOf(() => scopeUsageQuery({ limit: 5, userId: ALICE }, user))).toMatchObject({
      reason: 'USAGE_OTHER_USER',
    });
  });
});
