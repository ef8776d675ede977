import { validate } from '@llmgw/common/validation';
import { serviceErrorOf } from '@llmgw/common/testing';
import { auditLogQuerySchema, type AuditLogQuery } from './audit-logs.query';

/** The query as GET /admin/api/logs receives it, after its validation pipe. */
const parseAuditLogQuery = (raw: unknown): AuditLogQuery =>
  validate(auditLogQuerySchema).transform(raw);

const USER = '0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f';

describe('audit log query', () => {
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
    expect(serviceErrorOf(() => parseAuditLogQuery(raw))).toEqual({
      reason: 'INVALID_REQUEST',
      message: expect.stringContaining(`"${field}"`),
      details: { fields: [{ field, message: expect.stringContaining(`"${field}"`) }] },
    });
  });
});
