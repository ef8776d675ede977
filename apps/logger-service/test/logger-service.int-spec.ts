import { randomUUID } from 'node:crypto';
import { EventStreams, type AuditEvent } from '@llmgw/common';
import {
  eventually,
  jsonRequest,
  startServicesWithAuth,
  type ServicesWithAuth,
} from '@llmgw/common/testing';

jest.setTimeout(120_000);

const ADMIN = { email: 'admin@logger.test', password: 'logger admin password' };
const USER = { email: 'user@logger.test', password: 'user password 1' };
const DAY_MS = 24 * 60 * 60 * 1000;

let services: ServicesWithAuth;
let adminToken: string;
let adminId: string;
let userToken: string;
let userId: string;

const call = (path: string, token?: string) =>
  jsonRequest(services.service.url, 'GET', path, { token });

const auditEvent = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  eventId: randomUUID(),
  requestId: `req-${randomUUID()}`,
  occurredAt: new Date().toISOString(),
  service: 'model-gateway',
  userId: adminId,
  apiKeyId: randomUUID(),
  teamId: null,
  method: 'POST',
  path: '/v1/chat/completions',
  model: 'gpt-4o',
  status: 200,
  latencyMs: 250,
  clientIp: '10.0.0.7',
  userAgent: 'openai-node/6.30.1',
  errorMessage: null,
  ...overrides,
});

const append = (event: AuditEvent) => services.appendStreamEvent(EventStreams.audit, event);

const logs = async (query = '') => {
  const res = await call(`/admin/api/logs?limit=1000${query}`, adminToken);
  expect(res.status).toBe(200);
  return res.body.data as any[];
};
const logsOfPath = async (path: string) => (await logs()).filter((l) => l.path === path);

beforeAll(async () => {
  services = await startServicesWithAuth({
    service: 'logger-service',
    label: 'logger',
    admin: ADMIN,
    user: USER,
    env: { AUDIT_RETENTION_DAYS: '30' },
  });
  adminToken = services.admin.accessToken;
  adminId = services.admin.user.id;
  userToken = services.user.accessToken;
  userId = services.user.user.id;
});

afterAll(async () => {
  await services?.stop();
});

describe('consuming audit events', () => {
  it('stores an event appended to the stream and lists it', async () => {
    const event = auditEvent({
      path: '/v1/stored',
      status: 502,
      errorMessage: 'Upstream timed out',
      teamId: randomUUID(),
    });
    await append(event);
    const [log] = await eventually(async () => {
      const found = await logsOfPath('/v1/stored');
      expect(found).toHaveLength(1);
      return found;
    });
    expect(log).toEqual({ id: expect.any(String), ...event });
  });

  it('stores an event appended twice only once', async () => {
    const event = auditEvent({ path: '/v1/twice' });
    await append(event);
    await append(event);
    await append(auditEvent({ path: '/v1/twice-marker' }));
    await eventually(async () => expect(await logsOfPath('/v1/twice-marker')).toHaveLength(1));
    expect((await logsOfPath('/v1/twice')).map((l) => l.eventId)).toEqual([event.eventId]);
  });

  it('stores the events appended while it was stopped, and purges logs past retention at boot', async () => {
    const old = auditEvent({
      path: '/v1/old',
      occurredAt: new Date(Date.now() - 40 * DAY_MS).toISOString(),
    });
    const recent = auditEvent({
      path: '/v1/recent',
      occurredAt: new Date(Date.now() - 29 * DAY_MS).toISOString(),
    });
    await append(old);
    await append(recent);
    await eventually(async () => expect(await logsOfPath('/v1/recent')).toHaveLength(1));
    expect(await logsOfPath('/v1/old')).toHaveLength(1);

    await services.service.stop();
    const backlog = [auditEvent({ path: '/v1/backlog' }), auditEvent({ path: '/v1/backlog' })];
    for (const event of backlog) await append(event);
    await services.restartService();

    await eventually(async () => expect(await logsOfPath('/v1/backlog')).toHaveLength(2));
    expect(await logsOfPath('/v1/old')).toEqual([]);
    expect(await logsOfPath('/v1/recent')).toHaveLength(1);
  });
});

describe('GET /admin/api/logs', () => {
  it('lists newest first, filtered by user and status, up to the limit', async () => {
    const base = Date.now() - 60_000;
    const at = (s: number) => new Date(base + s * 1000).toISOString();
    await append(auditEvent({ path: '/v1/filter', occurredAt: at(1), status: 429 }));
    await append(auditEvent({ path: '/v1/filter', occurredAt: at(3), userId }));
    await append(auditEvent({ path: '/v1/filter', occurredAt: at(2), status: 429, userId }));
    await eventually(async () => expect(await logsOfPath('/v1/filter')).toHaveLength(3));

    expect((await logsOfPath('/v1/filter')).map((l) => l.occurredAt)).toEqual([
      at(3),
      at(2),
      at(1),
    ]);
    const byUser = (await logs(`&userId=${userId}`)).filter((l) => l.path === '/v1/filter');
    expect(byUser.map((l) => l.occurredAt)).toEqual([at(3), at(2)]);
    const limited = await call(`/admin/api/logs?userId=${userId}&limit=1`, adminToken);
    expect(limited.body.data.map((l: any) => l.occurredAt)).toEqual([at(3)]);
    const byStatus = await logs('&status=429');
    expect(byStatus.map((l) => l.occurredAt)).toEqual([at(2), at(1)]);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['status=ok', 'status'],
    ['userId=bob', 'userId'],
    ['path=/v1', 'path'],
  ])('answers 400 naming the parameter for ?%s', async (query, field) => {
    const res = await call(`/admin/api/logs?${query}`, adminToken);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'INVALID_REQUEST',
      details: { fields: [{ field, message: expect.stringContaining(`"${field}"`) }] },
    });
  });

  it('is for admins only', async () => {
    expect((await call('/admin/api/logs', userToken)).status).toBe(403);
    expect((await call('/admin/api/logs')).status).toBe(401);
  });
});
