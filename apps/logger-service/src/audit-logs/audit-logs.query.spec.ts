import { AuditLogsException } from './audit-logs.exception';
import { parseAuditLogQuery } from './audit-logs.query';

const USER = '0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f';

const failure = (fn: () => unknown) => {
  try {
    fn();
  } catch (error) {
    return error instanceof AuditLogsException
      ? { reason: error.reason, details: error.details }
      : error;
  }
  return 'did not throw';
};

describe('parseAuditLogQuery', () => {
  it('defaults the limit and converts filters', () => {
    expect(parseAuditLogQuery({})).toEqual({ limit: 50 });
    expect(parseAuditLogQuery({ limit: '7', userId: USER, status: '429' })).toEqual({
      limit: 7,
      userId: USER,
      status: 429,
    });
  });

  it.each([
    [{ limit: '0' }, 'limit'],
    [{ limit: '5000' }, 'limit'],
    [{ status: 'error' }, 'status'],
    [{ status: '42' }, 'status'],
    [{ userId: 'someone' }, 'userId'],
    [{ path: '/v1' }, 'path'],
  ])('rejects %j naming the field', (raw, field) => {
    expect(failure(() => parseAuditLogQuery(raw))).toEqual({
      reason: 'AUDIT_LOGS_INVALID_QUERY',
      details: { fields: [{ field, message: expect.stringContaining(`"${field}"`) }] },
    });
  });
});
