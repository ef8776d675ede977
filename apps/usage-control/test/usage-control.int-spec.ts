import { randomUUID } from 'node:crypto';
import { EventStreams, type UsageEvent } from '@llmgw/common';
import {
  eventually,
  jsonRequest,
  startServicesWithAuth,
  usageEventFixture,
  type JsonRequestOptions,
  type ServicesWithAuth,
} from '@llmgw/common/testing';

jest.setTimeout(120_000);

const ADMIN = { email: 'admin@usage-control.test', password: 'usage control admin password' };
const USER = { email: 'user@usage-control.test', password: 'user password 1' };

let services: ServicesWithAuth;
let adminToken: string;
let adminId: string;
let userToken: string;
let userId: string;

/** A request to usage-control, as the admin unless another token (or null: none) is given. */
const api = (
  method: string,
  path: string,
  options: Omit<JsonRequestOptions, 'token'> & { token?: string | null } = {},
) =>
  jsonRequest(services.service.url, method, path, {
    ...options,
    token: options.token === null ? undefined : (options.token ?? adminToken),
  });

const today = () => new Date().toISOString().slice(0, 10);

const usageEvent = (overrides: Partial<UsageEvent> = {}): UsageEvent =>
  usageEventFixture({ userId, ...overrides });

const append = (event: UsageEvent) => services.appendStreamEvent(EventStreams.usage, event);

/** The daily-usage row of one API key (keys are unique per test) and model, as the admin sees it. */
const rowOfKey = async (apiKeyId: string, day = today(), model = 'gpt-4o') => {
  const res = await api('GET', `/admin/api/daily-usage?day=${day}`);
  expect(res.status).toBe(200);
  return (res.body.data as any[]).find((r) => r.apiKeyId === apiKeyId && r.model === model);
};

const limitsVersion = () =>
  services.redis.get(`${services.redisEnv.REDIS_KEY_PREFIX}limits:version`);

beforeAll(async () => {
  services = await startServicesWithAuth({
    service: 'usage-control',
    label: 'usage-control',
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
    await services.service.stop();
    const key = randomUUID();
    await append(usageEvent({ apiKeyId: key }));
    await append(usageEvent({ apiKeyId: key }));
    await services.restartService();
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
      code: 'INVALID_REQUEST',
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
      code: 'INVALID_REQUEST',
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
    await services.databaseProxy.down();
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
    await services.databaseProxy.up();
    await eventually(
      async () => expect(await rowOfKey(key)).toMatchObject({ requests: 1 }),
      45_000,
    );
  });
});
