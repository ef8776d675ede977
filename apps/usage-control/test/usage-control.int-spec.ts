import { randomUUID } from 'node:crypto';
import { createServer, type Server, type Socket, connect } from 'node:net';
import Redis from 'ioredis';
import { EventStreams, type UsageEvent } from '@llmgw/common';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  spawnService,
  testRedisEnv,
  type SpawnedService,
  type TestDatabase,
} from '@llmgw/common/testing';

jest.setTimeout(120_000);

const ADMIN_EMAIL = 'admin@usage-control.test';
const ADMIN_PASSWORD = 'usage control admin password';

/** A TCP hop between the service and PostgreSQL that the test can cut, to play a database outage. */
class TcpProxy {
  private server: Server | null = null;
  private readonly sockets = new Set<Socket>();
  port = 0;

  constructor(
    private readonly targetHost: string,
    private readonly targetPort: number,
  ) {}

  async up(): Promise<void> {
    const server = createServer((client) => {
      const upstream = connect(this.targetPort, this.targetHost);
      for (const socket of [client, upstream]) {
        this.sockets.add(socket);
        socket.on('close', () => this.sockets.delete(socket));
        socket.on('error', () => undefined);
      }
      client.pipe(upstream).pipe(client);
    });
    await new Promise<void>((resolve) => server.listen(this.port, '127.0.0.1', resolve));
    this.port = (server.address() as { port: number }).port;
    this.server = server;
  }

  async down(): Promise<void> {
    const server = this.server;
    this.server = null;
    for (const socket of this.sockets) socket.destroy();
    if (server) await new Promise((resolve) => server.close(resolve));
  }
}

let db: TestDatabase;
let redisEnv: ReturnType<typeof testRedisEnv>;
let redis: Redis;
let proxy: TcpProxy;
let auth: SpawnedService;
let usageControl: SpawnedService;
let serviceEnv: Record<string, string>;
let adminToken: string;
let adminId: string;
let userToken: string;
let userId: string;

async function call(
  base: string,
  method: string,
  path: string,
  token?: string,
  body?: unknown,
  rawBody?: string,
) {
  const headers: Record<string, string> = {};
  if (token) headers.authorization = `Bearer ${token}`;
  if (body !== undefined || rawBody !== undefined) headers['content-type'] = 'application/json';
  const res = await fetch(`${base}${path}`, {
    method,
    headers,
    body: rawBody ?? (body === undefined ? undefined : JSON.stringify(body)),
  });
  return { status: res.status, body: (res.status === 204 ? null : await res.json()) as any };
}

const api = (
  method: string,
  path: string,
  options: { token?: string | null; body?: unknown; rawBody?: string } = {},
) =>
  call(
    usageControl.url,
    method,
    path,
    options.token === null ? undefined : (options.token ?? adminToken),
    options.body,
    options.rawBody,
  );

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

const today = () => new Date().toISOString().slice(0, 10);

const usageEvent = (overrides: Partial<UsageEvent> = {}): UsageEvent => ({
  eventId: randomUUID(),
  requestId: `req-${randomUUID()}`,
  occurredAt: new Date().toISOString(),
  userId,
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

/** Exactly what EventPublisher writes: XADD <prefix>events:usage * id <eventId> data <json>. */
const append = (event: UsageEvent) =>
  redis.xadd(
    `${redisEnv.REDIS_KEY_PREFIX}${EventStreams.usage}`,
    '*',
    'id',
    event.eventId,
    'data',
    JSON.stringify(event),
  );

/** The daily-usage row of one API key (keys are unique per test) and model, as the admin sees it. */
const rowOfKey = async (apiKeyId: string, day = today(), model = 'gpt-4o') => {
  const res = await api('GET', `/admin/api/daily-usage?day=${day}`);
  expect(res.status).toBe(200);
  return (res.body.data as any[]).find((r) => r.apiKeyId === apiKeyId && r.model === model);
};

const limitsVersion = () => redis.get(`${redisEnv.REDIS_KEY_PREFIX}limits:version`);

beforeAll(async () => {
  db = await createTestDatabase('usage_control');
  redisEnv = testRedisEnv('usage-control');
  redis = new Redis(redisEnv.REDIS_URL);
  const dbUrl = new URL(db.url);
  proxy = new TcpProxy(dbUrl.hostname, Number(dbUrl.port || 5432));
  await proxy.up();

  auth = await spawnService('auth-service', {
    DATABASE_URL: db.url,
    ...redisEnv,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
  });
  const viaProxy = new URL(db.url);
  viaProxy.port = String(proxy.port);
  serviceEnv = {
    DATABASE_URL: viaProxy.toString(),
    ...redisEnv,
    AUTH_JWKS_URL: `${auth.url}/auth/.well-known/jwks.json`,
  };
  usageControl = await spawnService('usage-control', serviceEnv);

  ({ token: adminToken, id: adminId } = await login(ADMIN_EMAIL, ADMIN_PASSWORD));
  const created = await call(auth.url, 'POST', '/auth/users', adminToken, {
    email: 'user@usage-control.test',
    password: 'user password 1',
    role: 'user',
  });
  expect(created.status).toBe(201);
  ({ token: userToken, id: userId } = await login('user@usage-control.test', 'user password 1'));
});

afterAll(async () => {
  await usageControl?.stop();
  await auth?.stop();
  await proxy?.down();
  redis?.disconnect();
  if (redisEnv) await cleanupRedisPrefix(redisEnv.REDIS_URL, redisEnv.REDIS_KEY_PREFIX);
  await db?.drop();
});

describe('daily usage from usage events', () => {
  it('adds every event to its UTC day, user, key and model', async () => {
    const key = randomUUID();
    const team = randomUUID();
    await append(
      usageEvent({
        apiKeyId: key,
        teamId: team,
        promptTokens: 10,
        completionTokens: 20,
        costUsd: 0.1,
      }),
    );
    await append(
      usageEvent({
        apiKeyId: key,
        teamId: team,
        promptTokens: 5,
        completionTokens: 1,
        costUsd: 0.2,
      }),
    );
    await append(usageEvent({ apiKeyId: key, model: 'claude', costUsd: 0.05 }));
    // 23:30 at UTC-5 is the next day in UTC.
    await append(
      usageEvent({ apiKeyId: key, occurredAt: '2026-01-14T23:30:00-05:00', costUsd: 1 }),
    );

    const row = await eventually(async () => {
      const found = await rowOfKey(key);
      expect(found?.requests).toBe(2);
      return found;
    });
    expect(row).toEqual({
      day: today(),
      userId,
      apiKeyId: key,
      teamId: team,
      model: 'gpt-4o',
      requests: 2,
      promptTokens: 15,
      completionTokens: 21,
      totalTokens: 36,
      costUsd: 0.3,
      updatedAt: expect.any(String),
    });
    const res = await api('GET', `/admin/api/daily-usage?day=${today()}&userId=${userId}`);
    expect(res.body.day).toBe(today());
    expect(
      res.body.data.filter((r: any) => r.apiKeyId === key).map((r: any) => [r.model, r.requests]),
    ).toEqual([
      ['claude', 1],
      ['gpt-4o', 2],
    ]);
    await eventually(async () =>
      expect(await rowOfKey(key, '2026-01-15')).toMatchObject({ requests: 1, costUsd: 1 }),
    );
    expect(await rowOfKey(key, '2026-01-14')).toBeUndefined();
  });

  it('counts an event appended twice once', async () => {
    const key = randomUUID();
    const event = usageEvent({ apiKeyId: key });
    await append(event);
    await append(event);
    // The stream is consumed in order: once the later marker is counted, both copies were handled.
    const marker = randomUUID();
    await append(usageEvent({ apiKeyId: marker }));
    await eventually(async () => expect(await rowOfKey(marker)).toBeDefined());
    expect(await rowOfKey(key)).toMatchObject({
      requests: 1,
      promptTokens: 10,
      completionTokens: 20,
      costUsd: 0.1,
    });
  });

  it('counts the events appended while it was stopped once it is back', async () => {
    await usageControl.stop();
    const key = randomUUID();
    await append(usageEvent({ apiKeyId: key }));
    await append(usageEvent({ apiKeyId: key }));
    usageControl = await spawnService('usage-control', serviceEnv);
    await eventually(async () =>
      expect(await rowOfKey(key)).toMatchObject({ requests: 2, promptTokens: 20 }),
    );
  });

  it.each([
    ['day=2026-13-01', 'day'],
    ['day=yesterday', 'day'],
    ['userId=bob', 'userId'],
    ['date=2026-01-01', 'date'],
  ])('answers 400 naming the parameter for ?%s', async (query, field) => {
    const res = await api('GET', `/admin/api/daily-usage?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'DAILY_USAGE_INVALID_QUERY',
      details: { fields: [{ field, message: expect.stringContaining(`"${field}"`) }] },
    });
  });

  it('shows a user only their own daily usage', async () => {
    const mine = randomUUID();
    const theirs = randomUUID();
    await append(usageEvent({ apiKeyId: mine }));
    await append(usageEvent({ apiKeyId: theirs, userId: adminId }));
    await eventually(async () => expect(await rowOfKey(theirs)).toBeDefined());

    const own = await api('GET', '/admin/api/daily-usage', { token: userToken });
    expect(own.status).toBe(200);
    expect(own.body.data.map((r: any) => r.apiKeyId)).toContain(mine);
    expect(new Set(own.body.data.map((r: any) => r.userId))).toEqual(new Set([userId]));

    const other = await api('GET', `/admin/api/daily-usage?userId=${adminId}`, {
      token: userToken,
    });
    expect(other.status).toBe(403);
    expect(other.body.error.code).toBe('DAILY_USAGE_OTHER_USER');
    expect((await api('GET', '/admin/api/daily-usage', { token: null })).status).toBe(401);
  });
});

describe('rate-limit policies', () => {
  it('creates, lists, changes and deletes policies, bumping limits:version on every change', async () => {
    expect(await limitsVersion()).toBeNull();
    expect((await api('GET', '/admin/api/limits')).body).toEqual({ data: [] });

    const global = await api('POST', '/admin/api/limits', {
      body: { scope: 'global', requestsPerMinute: 600 },
    });
    expect(global.status).toBe(201);
    expect(global.body).toEqual({
      id: expect.any(String),
      scope: 'global',
      subject: '*',
      requestsPerMinute: 600,
      tokensPerMinute: null,
      maxConcurrent: null,
      dailyTokens: null,
      budgetUsd: null,
      createdAt: expect.any(String),
      updatedAt: expect.any(String),
    });
    expect(await limitsVersion()).toBe('1');

    const perUser = await api('POST', '/admin/api/limits', {
      body: { scope: 'user', subject: userId, dailyTokens: 5_000_000_000, budgetUsd: 12.5 },
    });
    expect(perUser.status).toBe(201);
    expect(perUser.body).toMatchObject({ dailyTokens: 5_000_000_000, budgetUsd: 12.5 });
    expect(await limitsVersion()).toBe('2');

    const duplicate = await api('POST', '/admin/api/limits', {
      body: { scope: 'user', subject: userId },
    });
    expect(duplicate.status).toBe(409);
    expect(duplicate.body.error.code).toBe('LIMIT_ALREADY_EXISTS');
    expect(await limitsVersion()).toBe('2');

    const list = await api('GET', '/admin/api/limits');
    expect(list.body.data.map((l: any) => [l.scope, l.subject])).toEqual([
      ['global', '*'],
      ['user', userId],
    ]);

    const patched = await api('PATCH', `/admin/api/limits/${perUser.body.id}`, {
      body: { budgetUsd: null, maxConcurrent: 4 },
    });
    expect(patched.status).toBe(200);
    expect(patched.body).toMatchObject({
      scope: 'user',
      subject: userId,
      dailyTokens: 5_000_000_000,
      budgetUsd: null,
      maxConcurrent: 4,
    });
    expect((await api('GET', `/admin/api/limits/${perUser.body.id}`)).body).toMatchObject({
      budgetUsd: null,
      maxConcurrent: 4,
    });
    expect(await limitsVersion()).toBe('3');

    expect((await api('DELETE', `/admin/api/limits/${perUser.body.id}`)).status).toBe(204);
    expect(await limitsVersion()).toBe('4');
    const gone = await api('GET', `/admin/api/limits/${perUser.body.id}`);
    expect(gone.status).toBe(404);
    expect(gone.body.error.code).toBe('LIMIT_NOT_FOUND');
    expect((await api('DELETE', `/admin/api/limits/${perUser.body.id}`)).status).toBe(404);
    expect(
      (await api('PATCH', `/admin/api/limits/${perUser.body.id}`, { body: { maxConcurrent: 1 } }))
        .status,
    ).toBe(404);
    expect(await limitsVersion()).toBe('4');
  });

  it.each([
    [{ scope: 'tenant', subject: 'x' }, 'scope'],
    [{ scope: 'user', subject: 'bob' }, 'subject'],
    [{ scope: 'global', subject: 'everyone' }, 'subject'],
    [{ scope: 'model', subject: 'gpt-4o', requestsPerMinute: -5 }, 'requestsPerMinute'],
    [{ scope: 'model', subject: 'gpt-4o', tokensPerMinute: '1000' }, 'tokensPerMinute'],
    [{ scope: 'model', subject: 'gpt-4o', budgetUsd: 1e12 }, 'budgetUsd'],
    [{ scope: 'model', subject: 'gpt-4o', rpm: 5 }, 'rpm'],
  ])('answers 400 naming the field for %j', async (body, field) => {
    const res = await api('POST', '/admin/api/limits', { body });
    expect(res.status).toBe(400);
    expect(res.body.error).toMatchObject({
      code: 'LIMIT_INVALID',
      details: { fields: [{ field, message: expect.any(String) }] },
    });
  });

  it('answers 400 for a bad body, a changed scope and a malformed id', async () => {
    const created = await api('POST', '/admin/api/limits', {
      body: { scope: 'model', subject: 'm-400', requestsPerMinute: 1 },
    });
    expect(created.status).toBe(201);
    const notJson = await api('POST', '/admin/api/limits', { rawBody: '{"scope":' });
    expect(notJson.status).toBe(400);
    const array = await api('POST', '/admin/api/limits', { body: [] });
    expect(array.status).toBe(400);
    const scopeChange = await api('PATCH', `/admin/api/limits/${created.body.id}`, {
      body: { scope: 'global' },
    });
    expect(scopeChange.status).toBe(400);
    expect(scopeChange.body.error.message).toContain('cannot be changed');
    const empty = await api('PATCH', `/admin/api/limits/${created.body.id}`, { body: {} });
    expect(empty.status).toBe(400);
    expect((await api('GET', '/admin/api/limits/not-a-uuid')).status).toBe(400);
  });

  it('is for admins only', async () => {
    expect((await api('GET', '/admin/api/limits', { token: userToken })).status).toBe(403);
    expect(
      (await api('POST', '/admin/api/limits', { token: userToken, body: { scope: 'global' } }))
        .status,
    ).toBe(403);
    expect((await api('GET', '/admin/api/limits', { token: null })).status).toBe(401);
  });
});

describe('PostgreSQL outage', () => {
  it('answers 503 while the database is down, then counts what arrived meanwhile', async () => {
    await proxy.down();
    for (const path of ['/admin/api/limits', '/admin/api/daily-usage']) {
      const res = await api('GET', path);
      expect(res.status).toBe(503);
      expect(res.body.error).toEqual({
        code: 'UNAVAILABLE',
        message: 'A backing store is unavailable; try again shortly',
      });
    }
    const key = randomUUID();
    await append(usageEvent({ apiKeyId: key }));
    await new Promise((r) => setTimeout(r, 1500));
    await proxy.up();
    await eventually(
      async () => expect(await rowOfKey(key)).toMatchObject({ requests: 1 }),
      45_000,
    );
  });
});
