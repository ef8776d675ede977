import { randomUUID } from 'node:crypto';
import { EventStreams, type UsageEvent } from '@llmgw/common';
import {
  eventually,
  jsonRequest,
  startServicesWithAuth,
  usageEventFixture,
  type ServicesWithAuth,
} from '@llmgw/common/testing';

jest.setTimeout(120_000);

const ADMIN = { email: 'admin@analytic.test', password: 'analytic admin password' };
const USER = { email: 'user@analytic.test', password: 'user password 1' };

let services: ServicesWithAuth;
let adminToken: string;
let adminId: string;
let userToken: string;
let userId: string;

const get = (path: string, token: string | undefined = adminToken) =>
  jsonRequest(services.service.url, 'GET', path, { token });

const usageEvent = (overrides: Partial<UsageEvent> = {}): UsageEvent =>
  usageEventFixture({
    userId: adminId,
    connectionId: randomUUID(),
    cachedTokens: 2,
    costUsd: 0.00042,
    latencyMs: 321,
    ...overrides,
  });

const append = (event: UsageEvent) => services.appendStreamEvent(EventStreams.usage, event);

const listModel = async (model: string, token = adminToken) => {
  const res = await get(`/admin/api/usage?model=${encodeURIComponent(model)}&limit=1000`, token);
  expect(res.status).toBe(200);
  return res.body.data as any[];
};

beforeAll(async () => {
  services = await startServicesWithAuth({
    service: 'analytic-service',
    label: 'analytic',
    admin: ADMIN,
    user: USER,
    proxyDatabase: true,
  });
  adminToken = services.admin.accessToken;
  adminId = services.admin.user.id;
  userToken = services.user.accessToken;
  userId = services.user.user.id;
});

afterAll(async () => {
  await services?.stop();
});

describe('consuming usage events', () => {
  it('stores an event appended to the stream and lists it with camelCase fields', async () => {
    const event = usageEvent({
      model: 'stored-model',
      teamId: randomUUID(),
      stream: true,
      costUsd: 0.12345678,
    });
    await append(event);
    const [record] = await eventually(async () => {
      const data = await listModel('stored-model');
      expect(data).toHaveLength(1);
      return data;
    });
    expect(record).toEqual({
      id: expect.any(String),
      eventId: event.eventId,
      requestId: event.requestId,
      occurredAt: event.occurredAt,
      userId: adminId,
      apiKeyId: event.apiKeyId,
      teamId: event.teamId,
      endpoint: 'chat.completions',
      model: 'stored-model',
      upstreamModel: 'gpt-4o-2024-08-06',
      provider: 'openai',
      connectionId: event.connectionId,
      stream: true,
      promptTokens: 10,
      completionTokens: 20,
      totalTokens: 30,
      cachedTokens: 2,
      reasoningTokens: 0,
      costUsd: 0.12345678,
      latencyMs: 321,
      status: 200,
      errorCode: null,
    });
  });

  it('stores an event appended twice only once', async () => {
    const event = usageEvent({ model: 'twice-model' });
    await append(event);
    await append(event);
    // The stream is consumed in order: once the later marker is stored, both copies were handled.
    await append(usageEvent({ model: 'twice-marker' }));
    await eventually(async () => expect(await listModel('twice-marker')).toHaveLength(1));
    const data = await listModel('twice-model');
    expect(data.map((r) => r.eventId)).toEqual([event.eventId]);
  });

  it('sets aside an event it cannot store and keeps consuming the rest', async () => {
    const broken = { ...usageEvent({ model: 'broken-model' }), userId: 'not-a-uuid' };
    await append(broken);
    await append(usageEvent({ model: 'after-broken' }));
    await eventually(async () => expect(await listModel('after-broken')).toHaveLength(1));
    expect(await listModel('broken-model')).toEqual([]);
    const dead = await services.redis.xrange(
      `${services.redisEnv.REDIS_KEY_PREFIX}events:dead-letter`,
      '-',
      '+',
    );
    expect(dead.map(([, fields]) => fields.join(' '))).toEqual([
      expect.stringContaining(broken.eventId),
    ]);
  });

  it('consumes the events appended while it was stopped once it is back', async () => {
    await services.service.stop();
    const backlog = [
      usageEvent({ model: 'backlog-model' }),
      usageEvent({ model: 'backlog-model' }),
      usageEvent({ model: 'backlog-model' }),
    ];
    for (const event of backlog) await append(event);
    await services.restartService();
    const data = await eventually(async () => {
      const rows = await listModel('backlog-model');
      expect(rows).toHaveLength(3);
      return rows;
    });
    expect(data.map((r) => r.eventId).sort()).toEqual(backlog.map((e) => e.eventId).sort());
  });
});

describe('GET /admin/api/usage', () => {
  it('lists newest first, filtered by model, user and since, up to the limit', async () => {
    const base = Date.now() - 60_000;
    const at = (s: number) => new Date(base + s * 1000).toISOString();
    const events = [
      usageEvent({ model: 'filter-model', occurredAt: at(1) }),
      usageEvent({ model: 'filter-model', occurredAt: at(3), userId }),
      usageEvent({ model: 'filter-model', occurredAt: at(2) }),
    ];
    for (const event of events) await append(event);
    await eventually(async () => expect(await listModel('filter-model')).toHaveLength(3));

    expect((await listModel('filter-model')).map((r) => r.occurredAt)).toEqual([
      at(3),
      at(2),
      at(1),
    ]);
    const limited = await get('/admin/api/usage?model=filter-model&limit=2');
    expect(limited.body.data.map((r: any) => r.occurredAt)).toEqual([at(3), at(2)]);
    const since = await get(
      `/admin/api/usage?model=filter-model&since=${encodeURIComponent(at(2))}`,
    );
    expect(since.body.data.map((r: any) => r.occurredAt)).toEqual([at(3), at(2)]);
    const byUser = await get(`/admin/api/usage?model=filter-model&userId=${userId}`);
    expect(byUser.body.data.map((r: any) => r.eventId)).toEqual([events[1]?.eventId]);
  });

  it('returns 50 records by default', async () => {
    const events = Array.from({ length: 55 }, () => usageEvent({ model: 'many-model' }));
    await Promise.all(events.map(append));
    await eventually(async () => expect(await listModel('many-model')).toHaveLength(55));
    expect((await get('/admin/api/usage')).body.data).toHaveLength(50);
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=1001', 'limit'],
    ['limit=lots', 'limit'],
    ['since=yesterday', 'since'],
    ['userId=bob', 'userId'],
    ['user_id=bob', 'user_id'],
  ])('answers 400 naming the parameter for ?%s', async (query, field) => {
    const res = await get(`/admin/api/usage?${query}`);
    expect(res.status).toBe(400);
    expect(res.body.error).toEqual({
      code: 'INVALID_REQUEST',
      message: expect.stringContaining(`"${field}"`),
      details: { fields: [{ field, message: expect.any(String) }] },
    });
  });

  it('shows a user only their own usage', async () => {
    const mine = usageEvent({ model: 'scope-model', userId });
    const theirs = usageEvent({ model: 'scope-model' });
    await append(mine);
    await append(theirs);
    await eventually(async () => expect(await listModel('scope-model')).toHaveLength(2));

    const own = await get('/admin/api/usage?model=scope-model', userToken);
    expect(own.status).toBe(200);
    expect(own.body.data.map((r: any) => r.eventId)).toEqual([mine.eventId]);
    const everythingVisible = await get('/admin/api/usage?limit=1000', userToken);
    expect(new Set(everythingVisible.body.data.map((r: any) => r.userId))).toEqual(
      new Set([userId]),
    );

    const someoneElse = await get(`/admin/api/usage?userId=${adminId}`, userToken);
    expect(someoneElse.status).toBe(403);
    expect(someoneElse.body.error.code).toBe('USAGE_OTHER_USER');
    expect((await get(`/admin/api/usage?userId=${userId}`, userToken)).status).toBe(200);
  });

  it('needs an access token', async () => {
    expect((await jsonRequest(services.service.url, 'GET', '/admin/api/usage')).status).toBe(401);
    expect((await get('/admin/api/usage', 'not-a-token')).status).toBe(401);
  });
});

describe('GET /admin/api/stats/summary', () => {
  it('sums requests, tokens and cost in total and per model since a time', async () => {
    const since = new Date().toISOString();
    await new Promise((r) => setTimeout(r, 5));
    await append(
      usageEvent({
        model: 'stats-a',
        promptTokens: 100,
        completionTokens: 50,
        totalTokens: 150,
        costUsd: 0.5,
      }),
    );
    await append(
      usageEvent({
        model: 'stats-a',
        promptTokens: 1,
        completionTokens: 2,
        totalTokens: 3,
        costUsd: 0.25,
      }),
    );
    await append(
      usageEvent({
        model: 'stats-b',
        promptTokens: 7,
        completionTokens: 0,
        totalTokens: 7,
        costUsd: 0.00000001,
      }),
    );
    await eventually(async () => expect(await listModel('stats-b')).toHaveLength(1));

    const res = await get(`/admin/api/stats/summary?since=${encodeURIComponent(since)}`);
    expect(res.status).toBe(200);
    expect(res.body).toEqual({
      since,
      totals: {
        requests: 3,
        promptTokens: 108,
        completionTokens: 52,
        totalTokens: 160,
        costUsd: 0.75000001,
      },
      byModel: [
        {
          model: 'stats-a',
          requests: 2,
          promptTokens: 101,
          completionTokens: 52,
          totalTokens: 153,
          costUsd: 0.75,
        },
        {
          model: 'stats-b',
          requests: 1,
          promptTokens: 7,
          completionTokens: 0,
          totalTokens: 7,
          costUsd: 0.00000001,
        },
      ],
    });

    const all = await get('/admin/api/stats/summary');
    expect(all.body.since).toBeNull();
    expect(all.body.totals.requests).toBeGreaterThan(3);
  });

  it('answers 400 for a bad since and 403 for a non-admin', async () => {
    const bad = await get('/admin/api/stats/summary?since=last-week');
    expect(bad.status).toBe(400);
    expect(bad.body.error.details.fields[0].field).toBe('since');
    const forbidden = await get('/admin/api/stats/summary', userToken);
    expect(forbidden.status).toBe(403);
  });
});

describe('PostgreSQL outage', () => {
  it('answers 503 while the database is down, then catches up on what arrived meanwhile', async () => {
    await services.databaseProxy.down();
    const res = await get('/admin/api/usage');
    expect(res.status).toBe(503);
    expect(res.body.error).toEqual({
      code: 'UNAVAILABLE',
      message: 'A backing store is unavailable; try again shortly',
    });

    const during = usageEvent({ model: 'outage-model' });
    await append(during);
    await new Promise((r) => setTimeout(r, 1500));
    await services.databaseProxy.up();

    const data = await eventually(async () => {
      const rows = await listModel('outage-model');
      expect(rows).toHaveLength(1);
      return rows;
    }, 45_000);
    expect(data[0].eventId).toBe(during.eventId);
  });
});
