import { randomUUID } from 'node:crypto';
import Redis from 'ioredis';
import { EventStreams, type AuditEvent } from '@llmgw/common';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  spawnService,
  testRedisEnv,
  type SpawnedService,
  type TestDatabase,
} from '@llmgw/common/testing';

jest.setTimeout(120_000);

const ADMIN_EMAIL = 'admin@logger.test';
const ADMIN_PASSWORD = 'logger admin password';
const DAY_MS = 24 * 60 * 60 * 1000;

let db: TestDatabase;
let redisEnv: ReturnType<typeof testRedisEnv>;
let redis: Redis;
let auth: SpawnedService;
let logger: SpawnedService;
let loggerEnv: Record<string, string>;
let adminToken: string;
let adminId: string;
let userToken: string;
let userId: string;

async function call(base: string, method: string, path: string, token?: string, body?: unknown) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: body === undefined ? undefined : JSON.stringify(body),
  });
  return { status: res.status, body: (await res.json()) as any };
}

async function login(email: string, password: string): Promise<{ token: string; id: string }> {
  const res = await call(auth.url, 'POST', '/auth/login', undefined, { email, password });
  expect(res.status).toBe(200);
  return { token: res.body.accessToken, id: res.body.user.id };
}

/** Retries an assertion until it passes or the time is up (consumption is asynchronous). */
async function eventually<T>(assertion: () => Promise<T>, timeoutMs = 15_000): Promise<T> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      return await assertion();
    } catch (error) {
      if (Date.now() > deadline) throw error;
      await new Promise((r) => setTimeout(r, 100));
    }
  }
}

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

/** Exactly what EventPublisher writes: XADD <prefix>events:audit * id <eventId> data <json>. */
const append = (event: AuditEvent) =>
  redis.xadd(
    `${redisEnv.REDIS_KEY_PREFIX}${EventStreams.audit}`,
    '*',
    'id',
    event.eventId,
    'data',
    JSON.stringify(event),
  );

const logs = async (query = '') => {
  const res = await call(logger.url, 'GET', `/admin/api/logs?limit=1000${query}`, adminToken);
  expect(res.status).toBe(200);
  return res.body.data as any[];
};
const logsOfPath = async (path: string) => (await logs()).filter((l) => l.path === path);

beforeAll(async () => {
  db = await createTestDatabase('logger');
  redisEnv = testRedisEnv('logger');
  redis = new Redis(redisEnv.REDIS_URL);
  auth = await spawnService('auth-service', {
    DATABASE_URL: db.url,
    ...redisEnv,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
  });
  loggerEnv = {
    DATABASE_URL: db.url,
    ...redisEnv,
    AUTH_JWKS_URL: `${auth.url}/auth/.well-known/jwks.json`,
    AUDIT_RETENTION_DAYS: '30',
  };
  logger = await spawnService('logger-service', loggerEnv);

  ({ token: adminToken, id: adminId } = await login(ADMIN_EMAIL, ADMIN_PASSWORD));
  const created = await call(auth.url, 'POST', '/auth/users', adminToken, {
    email: 'user@logger.test',
    password: 'user password 1',
    role: 'user',
  });
  expect(created.status).toBe(201);
  ({ token: userToken, id: userId } = await login('user@logger.test', 'user password 1'));
});

afterAll(async () => {
  await logger?.stop();
  await auth?.stop();
  redis?.disconnect();
  if (redisEnv) await cleanupRedisPrefix(redisEnv.REDIS_URL, redisEnv.REDIS_KEY_PREFIX);
  await db?.drop();
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

    await logger.stop();
    const backlog = [auditEvent({ path: '/v1/backlog' }), auditEvent({ path: '/v1/backlog' })];
    for (const event of backlog) await append(event);
    logger = await spawnService('logger-service', loggerEnv);

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
    const limited = await call(
      logger.url,
      'GET',
      `/admin/api/logs?userId=${userId}&limit=1`,
      adminToken,
    );
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
    const res = await call(logger.url, 'GET', `/admin/api/logs?${query}`, adminToken);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'AUDIT_LOGS_INVALID_QUERY',
      details: { fields: [{ field, message: expect.stringContaining(`"${field}"`) }] },
    });
  });

  it('is for admins only', async () => {
    expect((await call(logger.url, 'GET', '/admin/api/logs', userToken)).status).toBe(403);
    expect((await call(logger.url, 'GET', '/admin/api/logs')).status).toBe(401);
  });
});
