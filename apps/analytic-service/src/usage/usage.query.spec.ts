import type { AuthenticatedUser } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { serviceErrorOf } from '@llmgw/common/testing';
import { scopeUsageQuery, usageQuerySchema, type UsageQuery } from './usage.query';

const ALICE = '0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f';
const BOB = '5e2d7a9b-1c3f-4b8e-a6d5-7c9e0f1a2b3c';
const admin: AuthenticatedUser = { userId: ALICE, email: 'a@x', role: 'admin', teamId: null };
const user: AuthenticatedUser = { userId: BOB, email: 'b@x', role: 'user', teamId: null };

/** The query as GET /admin/api/usage receives it, after its validation pipe. */
const parseUsageQuery = (raw: unknown): UsageQuery => validate(usageQuerySchema).transform(raw);

describe('usage query', () => {
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
    expect(serviceErrorOf(() => parseUsageQuery(raw))).toMatchObject({
      reason: 'INVALID_REQUEST',
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
    expect(serviceErrorOf(() => scopeUsageQuery({ limit: 5, userId: ALICE }, user))).toMatchObject({
      reason: 'USAGE_OTHER_USER',
    });
  });
});
