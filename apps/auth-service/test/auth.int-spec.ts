import { createHash } from 'node:crypto';
import Redis from 'ioredis';
import { createLocalJWKSet, jwtVerify, type JSONWebKeySet } from 'jose';
import { Client } from 'pg';
import { firstValueFrom, timeout } from 'rxjs';
import { AuthBroadcasts, AuthRpc, type ApiKeyPrincipal, type RpcEnvelope } from '@llmgw/common';
import { NamespacedClientRedis, redisOptionsFromUrl } from '@llmgw/common/bus';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  createUser,
  jsonRequest,
  loginAs,
  spawnService,
  testEncryptionKey,
  testRedisEnv,
  type JsonRequestOptions,
  type LoginSession,
  type SpawnedService,
  type TestDatabase,
  type TestRedisEnv,
} from '@llmgw/common/testing';

jest.setTimeout(90_000);

const ADMIN_EMAIL = 'root@example.test';
const ADMIN_PASSWORD = 'correct horse battery staple';

interface Broadcast {
  channel: string;
  data: unknown;
}

let db: TestDatabase;
let redisEnv: TestRedisEnv;
let env: Record<string, string>;
let first: SpawnedService;
let second: SpawnedService;
let bus: NamespacedClientRedis;
let subscriber: Redis;
const broadcasts: Broadcast[] = [];

const api = (method: string, path: string, options?: JsonRequestOptions) =>
  jsonRequest(first.url, method, path, options);

const login = (email: string, password: string): Promise<LoginSession> =>
  loginAs(first.url, { email, password });

async function validateKey(keyHash: string): Promise<ApiKeyPrincipal | null> {
  const envelope: RpcEnvelope<{ keyHash: string }> = { meta: {}, data: { keyHash } };
  return firstValueFrom(
    bus.send<ApiKeyPrincipal | null>(AuthRpc.apiKeyValidate.pattern, envelope).pipe(timeout(5000)),
  );
}

async function waitForBroadcast(pattern: string, match: (data: any) => boolean): Promise<any> {
  const deadline = Date.now() + 5000;
  for (;;) {
    const found = broadcasts.find(
      (b) => b.channel === `${redisEnv.BUS_NAMESPACE}${pattern}` && match(b.data),
    );
    if (found) return found.data;
    if (Date.now() > deadline)
      throw new Error(`No ${pattern} broadcast matched; saw ${JSON.stringify(broadcasts)}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** An admin creates a user; the user logs in. */
async function createLoggedInUser(
  adminToken: string,
  email: string,
  role: 'admin' | 'user' = 'user',
  teamId?: string,
) {
  const password = `${email}-password`;
  const created = await createUser(first.url, adminToken, { email, password, role, teamId });
  return { id: created.id, pair: await login(email, password), password };
}

beforeAll(async () => {
  db = await createTestDatabase('auth_service');
  redisEnv = testRedisEnv('auth');
  env = {
    DATABASE_URL: db.url,
    ...redisEnv,
    ADMIN_EMAIL,
    ADMIN_PASSWORD,
    ACCESS_TOKEN_TTL_SECONDS: '900',
  };

  subscriber = new Redis(redisEnv.REDIS_URL);
  await subscriber.subscribe(
    ...Object.values(AuthBroadcasts).map((b) => `${redisEnv.BUS_NAMESPACE}${b.pattern}`),
  );
  subscriber.on('message', (channel, message) => {
    const packet = JSON.parse(message) as { data: RpcEnvelope<unknown> };
    broadcasts.push({ channel, data: packet.data.data });
  });
  bus = new NamespacedClientRedis(
    { ...redisOptionsFromUrl(redisEnv.REDIS_URL), retryAttempts: 0 },
    redisEnv.BUS_NAMESPACE,
  );
  await bus.connect();

  // Two replicas on one fresh database at once: both migrate, seed the admin and look for a signing key.
  [first, second] = await Promise.all([
    spawnService('auth-service', env),
    spawnService('auth-service', env),
  ]);
});

afterAll(async () => {
  await Promise.all([first?.stop(), second?.stop()]);
  await bus?.close();
  subscriber?.disconnect();
  if (redisEnv) await cleanupRedisPrefix(redisEnv.REDIS_URL, redisEnv.REDIS_KEY_PREFIX);
  await db?.drop();
});

describe('booting', () => {
  it('two instances booting together share one signing key and one first admin', async () => {
    const [a, b] = await Promise.all([
      jsonRequest(first.url, 'GET', '/auth/.well-known/jwks.json'),
      jsonRequest(second.url, 'GET', '/auth/.well-known/jwks.json'),
    ]);
    expect(a.body.keys).toHaveLength(1);
    expect(b.body).toEqual(a.body);

    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      const keys = await pg.query('SELECT count(*)::int AS n FROM signing_keys');
      const admins = await pg.query('SELECT count(*)::int AS n FROM users WHERE email = $1', [
        ADMIN_EMAIL,
      ]);
      expect(keys.rows[0].n).toBe(1);
      expect(admins.rows[0].n).toBe(1);
    } finally {
      await pg.end();
    }

    // A token signed by one replica is accepted by the other.
    const pair = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const me = await jsonRequest(second.url, 'GET', '/auth/me', { token: pair.accessToken });
    expect(me.status).toBe(200);
    expect(me.body.email).toBe(ADMIN_EMAIL);
  });

  it('a restarted instance reuses the stored signing key and keeps the admin password', async () => {
    const before = await api('GET', '/auth/.well-known/jwks.json');
    await second.stop();
    second = await spawnService('auth-service', { ...env, ADMIN_PASSWORD: 'a different password' });
    const after = await jsonRequest(second.url, 'GET', '/auth/.well-known/jwks.json');
    expect(after.body).toEqual(before.body);
    const res = await jsonRequest(second.url, 'POST', '/auth/login', {
      body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
    });
    expect(res.status).toBe(200);
  });
});

describe('login and tokens', () => {
  it('logs in with good credentials and the access token verifies against the published JWKS', async () => {
    const pair = await login(ADMIN_EMAIL.toUpperCase(), ADMIN_PASSWORD);
    expect(pair).toEqual({
      accessToken: expect.any(String),
      refreshToken: expect.any(String),
      tokenType: 'Bearer',
      expiresIn: 900,
      user: { id: expect.any(String), email: ADMIN_EMAIL, role: 'admin', teamId: null },
    });

    const jwksRes = await fetch(`${first.url}/auth/.well-known/jwks.json`);
    expect(jwksRes.headers.get('cache-control')).toContain('max-age');
    const jwks = (await jwksRes.json()) as JSONWebKeySet;
    expect(jwks.keys[0]).toMatchObject({ kty: 'EC', crv: 'P-256', alg: 'ES256', use: 'sig' });
    expect(jwks.keys[0]).not.toHaveProperty('d');

    const { payload, protectedHeader } = await jwtVerify(
      pair.accessToken,
      createLocalJWKSet(jwks),
      {
        issuer: 'llmgw-auth',
        audience: 'llmgw',
      },
    );
    expect(protectedHeader).toMatchObject({ alg: 'ES256', kid: jwks.keys[0].kid });
    expect(payload).toMatchObject({
      sub: pair.user.id,
      email: ADMIN_EMAIL,
      role: 'admin',
      team: null,
    });
    expect(Number(payload.exp) - Number(payload.iat)).toBe(900);
  });

  it('answers a wrong password and an unknown email with the same generic 401', async () => {
    const wrongPassword = await api('POST', '/auth/login', {
      body: { email: ADMIN_EMAIL, password: 'not the password' },
    });
    const unknownEmail = await api('POST', '/auth/login', {
      body: { email: 'nobody@example.test', password: 'whatever1' },
    });
    expect(wrongPassword.status).toBe(401);
    expect(unknownEmail.status).toBe(401);
    expect(wrongPassword.body).toEqual({
      error: { code: 'INVALID_CREDENTIALS', message: 'Invalid email or password' },
    });
    expect(unknownEmail.body).toEqual(wrongPassword.body);
  });

  it('rejects malformed login bodies with a 400 naming the field', async () => {
    const badEmail = await api('POST', '/auth/login', {
      body: { email: 'not-an-email', password: 'x' },
    });
    expect(badEmail.status).toBe(400);
    expect(badEmail.body.error.code).toBe('INVALID_REQUEST');
    expect(badEmail.body.error.details.fields).toEqual([
      { field: 'email', message: expect.stringContaining('email') },
    ]);

    const missingPassword = await api('POST', '/auth/login', { body: { email: ADMIN_EMAIL } });
    expect(missingPassword.status).toBe(400);
    expect(missingPassword.body.error.message).toContain('"password" is required');

    const notJson = await api('POST', '/auth/login', { rawBody: '{"email":' });
    expect(notJson.status).toBe(400);
  });

  it('GET /auth/me needs a valid access token', async () => {
    expect((await api('GET', '/auth/me')).status).toBe(401);
    expect((await api('GET', '/auth/me', { token: 'not.a.jwt' })).status).toBe(401);
    const pair = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const me = await api('GET', '/auth/me', { token: pair.accessToken });
    expect(me.status).toBe(200);
    expect(me.body).toMatchObject({
      id: pair.user.id,
      email: ADMIN_EMAIL,
      role: 'admin',
      active: true,
    });
    expect(me.body).not.toHaveProperty('passwordHash');
  });

  it('rotates refresh tokens, and a reused one revokes the whole session', async () => {
    const start = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    const second = await api('POST', '/auth/refresh', {
      body: { refreshToken: start.refreshToken },
    });
    expect(second.status).toBe(200);
    expect(second.body.refreshToken).not.toBe(start.refreshToken);
    expect((await api('GET', '/auth/me', { token: second.body.accessToken })).status).toBe(200);

    const third = await api('POST', '/auth/refresh', {
      body: { refreshToken: second.body.refreshToken },
    });
    expect(third.status).toBe(200);

    // The first token is presented again: reuse.
    const replay = await api('POST', '/auth/refresh', {
      body: { refreshToken: start.refreshToken },
    });
    expect(replay.status).toBe(401);
    expect(replay.body.error.code).toBe('REFRESH_TOKEN_REUSED');

    // The newest token of that session is now dead too.
    const afterReuse = await api('POST', '/auth/refresh', {
      body: { refreshToken: third.body.refreshToken },
    });
    expect(afterReuse.status).toBe(401);
    expect(afterReuse.body.error.code).toBe('INVALID_REFRESH_TOKEN');

    // Other sessions are untouched.
    const other = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(
      (await api('POST', '/auth/refresh', { body: { refreshToken: other.refreshToken } })).status,
    ).toBe(200);
  });

  it('logout revokes the refresh token', async () => {
    const pair = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
    expect(
      (await api('POST', '/auth/logout', { body: { refreshToken: pair.refreshToken } })).status,
    ).toBe(204);
    const refreshed = await api('POST', '/auth/refresh', {
      body: { refreshToken: pair.refreshToken },
    });
    expect(refreshed.status).toBe(401);
    expect(
      (await api('POST', '/auth/refresh', { body: {} })).body.error.details.fields[0].field,
    ).toBe('refreshToken');
  });
});

describe('API keys', () => {
  let admin: LoginSession;

  beforeAll(async () => {
    admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  it('creates a key shown once, lists it without the secret, validates it over RPC, and revokes it with a broadcast', async () => {
    const team = await api('POST', '/auth/teams', {
      token: admin.accessToken,
      body: { name: 'platform' },
    });
    expect(team.status).toBe(201);
    const alice = await createLoggedInUser(
      admin.accessToken,
      'alice@example.test',
      'user',
      team.body.id,
    );

    const created = await api('POST', '/auth/api-keys', {
      token: alice.pair.accessToken,
      body: { name: 'laptop' },
    });
    expect(created.status).toBe(201);
    expect(created.body).toEqual({
      id: expect.any(String),
      key: expect.stringMatching(/^llmgw-[A-Za-z0-9_-]{43}$/),
      prefix: created.body.key.slice(0, 12),
      name: 'laptop',
      createdAt: expect.any(String),
      expiresAt: null,
    });
    const key = created.body.key as string;
    const keyHash = createHash('sha256').update(key).digest('hex');

    const listed = await api('GET', '/auth/api-keys', { token: alice.pair.accessToken });
    expect(listed.status).toBe(200);
    expect(listed.body).toEqual([
      expect.objectContaining({
        id: created.body.id,
        name: 'laptop',
        prefix: created.body.prefix,
        revokedAt: null,
      }),
    ]);
    expect(JSON.stringify(listed.body)).not.toContain(key);
    expect(JSON.stringify(listed.body)).not.toContain(keyHash);

    expect(await validateKey(keyHash)).toEqual({
      keyId: created.body.id,
      keyPrefix: created.body.prefix,
      keyName: 'laptop',
      userId: alice.id,
      userEmail: 'alice@example.test',
      role: 'user',
      teamId: team.body.id,
      expiresAt: null,
    });
    expect(await validateKey('0'.repeat(64))).toBeNull();

    const revoked = await api('DELETE', `/auth/api-keys/${created.body.id}`, {
      token: alice.pair.accessToken,
    });
    expect(revoked.status).toBe(204);
    expect(
      await waitForBroadcast(AuthBroadcasts.keyRevoked.pattern, (d) => d.keyId === created.body.id),
    ).toEqual({
      keyId: created.body.id,
      keyHash,
    });
    expect(await validateKey(keyHash)).toBeNull();

    const afterRevoke = await api('GET', '/auth/api-keys', { token: alice.pair.accessToken });
    expect(afterRevoke.body[0].revokedAt).toEqual(expect.any(String));
  });

  it("answers 404 for revoking someone else's key and keeps it valid", async () => {
    const owner = await createLoggedInUser(admin.accessToken, 'owner@example.test');
    const other = await createLoggedInUser(admin.accessToken, 'other@example.test');
    const created = await api('POST', '/auth/api-keys', {
      token: owner.pair.accessToken,
      body: { name: 'ci' },
    });
    const keyHash = createHash('sha256').update(created.body.key).digest('hex');

    const attempt = await api('DELETE', `/auth/api-keys/${created.body.id}`, {
      token: other.pair.accessToken,
    });
    expect(attempt.status).toBe(404);
    const unknown = await api('DELETE', '/auth/api-keys/00000000-0000-4000-8000-000000000000', {
      token: other.pair.accessToken,
    });
    expect(attempt.body.error.code).toBe(unknown.body.error.code);
    expect(await validateKey(keyHash)).not.toBeNull();

    const othersList = await api('GET', `/auth/api-keys?userId=${owner.id}`, {
      token: other.pair.accessToken,
    });
    expect(othersList.status).toBe(403);
    const adminList = await api('GET', `/auth/api-keys?userId=${owner.id}`, {
      token: admin.accessToken,
    });
    expect(adminList.body.map((k: { id: string }) => k.id)).toEqual([created.body.id]);

    // An admin may revoke anyone's key.
    expect(
      (await api('DELETE', `/auth/api-keys/${created.body.id}`, { token: admin.accessToken }))
        .status,
    ).toBe(204);
    expect(await validateKey(keyHash)).toBeNull();
  });

  it('stops validating a key once it expires', async () => {
    const expiresAt = new Date(Date.now() + 1500).toISOString();
    const created = await api('POST', '/auth/api-keys', {
      token: admin.accessToken,
      body: { name: 'short', expiresAt },
    });
    expect(created.status).toBe(201);
    expect(created.body.expiresAt).toBe(expiresAt);
    const keyHash = createHash('sha256').update(created.body.key).digest('hex');
    expect((await validateKey(keyHash))?.expiresAt).toBe(expiresAt);
    await new Promise((r) => setTimeout(r, 1700));
    expect(await validateKey(keyHash)).toBeNull();
  });

  it('rejects malformed key requests', async () => {
    const noName = await api('POST', '/auth/api-keys', { token: admin.accessToken, body: {} });
    expect(noName.status).toBe(400);
    expect(noName.body.error.details.fields[0].field).toBe('name');
    const past = await api('POST', '/auth/api-keys', {
      token: admin.accessToken,
      body: { name: 'x', expiresAt: '2001-01-01T00:00:00Z' },
    });
    expect(past.status).toBe(400);
    expect(past.body.error.details.fields[0].field).toBe('expiresAt');
    const badId = await api('DELETE', '/auth/api-keys/not-a-uuid', { token: admin.accessToken });
    expect(badId.status).toBe(400);
    expect(badId.body.error.details.fields[0].field).toBe('id');
    expect((await api('POST', '/auth/api-keys', { body: { name: 'x' } })).status).toBe(401);

    await expect(validateKey('not-hex')).rejects.toMatchObject({ code: 'BAD_REQUEST' });
  });
});

describe('users and teams', () => {
  let admin: LoginSession;

  beforeAll(async () => {
    admin = await login(ADMIN_EMAIL, ADMIN_PASSWORD);
  });

  it('keeps admin routes for admins: a user gets 403', async () => {
    const user = await createLoggedInUser(admin.accessToken, 'plain@example.test');
    const token = user.pair.accessToken;
    expect((await api('GET', '/auth/users', { token })).status).toBe(403);
    expect(
      (
        await api('POST', '/auth/users', {
          token,
          body: { email: 'x@example.test', password: 'password1' },
        })
      ).status,
    ).toBe(403);
    expect(
      (await api('PATCH', `/auth/users/${user.id}`, { token, body: { role: 'admin' } })).status,
    ).toBe(403);
    expect((await api('DELETE', `/auth/users/${user.id}`, { token })).status).toBe(403);
    expect((await api('POST', '/auth/teams', { token, body: { name: 'mine' } })).status).toBe(403);
    expect((await api('GET', '/auth/teams', { token })).status).toBe(403);
    // The user sees only themselves.
    expect((await api('GET', '/auth/me', { token })).body.email).toBe('plain@example.test');
  });

  it('validates user bodies and refuses duplicates', async () => {
    const shortPassword = await api('POST', '/auth/users', {
      token: admin.accessToken,
      body: { email: 'short@example.test', password: 'short' },
    });
    expect(shortPassword.status).toBe(400);
    expect(shortPassword.body.error.details.fields[0].field).toBe('password');
    const badRole = await api('POST', '/auth/users', {
      token: admin.accessToken,
      body: { email: 'role@example.test', password: 'password1', role: 'root' },
    });
    expect(badRole.status).toBe(400);
    expect(badRole.body.error.details.fields[0].field).toBe('role');
    const unknownTeam = await api('POST', '/auth/users', {
      token: admin.accessToken,
      body: {
        email: 'team@example.test',
        password: 'password1',
        teamId: '00000000-0000-4000-8000-000000000000',
      },
    });
    expect(unknownTeam.status).toBe(400);
    expect(unknownTeam.body.error.code).toBe('USER_UNKNOWN_TEAM');

    await createLoggedInUser(admin.accessToken, 'dup@example.test');
    const duplicate = await api('POST', '/auth/users', {
      token: admin.accessToken,
      body: { email: 'DUP@example.test', password: 'password1' },
    });
    expect(duplicate.status).toBe(409);
    const teamDup = await api('POST', '/auth/teams', {
      token: admin.accessToken,
      body: { name: 'dup-team' },
    });
    expect(teamDup.status).toBe(201);
    expect(
      (await api('POST', '/auth/teams', { token: admin.accessToken, body: { name: 'dup-team' } }))
        .status,
    ).toBe(409);
    expect(
      (await api('PATCH', `/auth/users/${teamDup.body.id}`, { token: admin.accessToken, body: {} }))
        .status,
    ).toBe(400);
  });

  it('a role change is broadcast and takes effect on this service at once', async () => {
    const bob = await createLoggedInUser(admin.accessToken, 'bob@example.test');
    expect((await api('GET', '/auth/users', { token: bob.pair.accessToken })).status).toBe(403);

    const promoted = await api('PATCH', `/auth/users/${bob.id}`, {
      token: admin.accessToken,
      body: { role: 'admin' },
    });
    expect(promoted.status).toBe(200);
    expect(promoted.body.role).toBe('admin');
    expect(
      await waitForBroadcast(AuthBroadcasts.userRoleChanged.pattern, (d) => d.userId === bob.id),
    ).toEqual({
      userId: bob.id,
      role: 'admin',
    });
    const list = await api('GET', '/auth/users', { token: bob.pair.accessToken });
    expect(list.status).toBe(200);
    expect(list.body.map((u: { email: string }) => u.email)).toContain('bob@example.test');
    expect(JSON.stringify(list.body)).not.toContain('argon2');
  });

  it('a deactivated user can no longer log in, refresh or use a key', async () => {
    const carol = await createLoggedInUser(admin.accessToken, 'carol@example.test');
    const created = await api('POST', '/auth/api-keys', {
      token: carol.pair.accessToken,
      body: { name: 'k' },
    });
    const keyHash = createHash('sha256').update(created.body.key).digest('hex');

    const patched = await api('PATCH', `/auth/users/${carol.id}`, {
      token: admin.accessToken,
      body: { active: false },
    });
    expect(patched.status).toBe(200);
    expect(patched.body.active).toBe(false);
    expect(await validateKey(keyHash)).toBeNull();
    expect(
      (
        await api('POST', '/auth/login', {
          body: { email: 'carol@example.test', password: carol.password },
        })
      ).status,
    ).toBe(401);
    expect(
      (await api('POST', '/auth/refresh', { body: { refreshToken: carol.pair.refreshToken } }))
        .status,
    ).toBe(401);
    expect((await api('GET', '/auth/me', { token: carol.pair.accessToken })).status).toBe(401);
  });

  it('deleting a user revokes their keys and broadcasts it', async () => {
    const dave = await createLoggedInUser(admin.accessToken, 'dave@example.test');
    const created = await api('POST', '/auth/api-keys', {
      token: dave.pair.accessToken,
      body: { name: 'k' },
    });
    const keyHash = createHash('sha256').update(created.body.key).digest('hex');
    expect(await validateKey(keyHash)).not.toBeNull();

    expect(
      (await api('DELETE', `/auth/users/${dave.id}`, { token: admin.accessToken })).status,
    ).toBe(204);
    expect(
      await waitForBroadcast(AuthBroadcasts.keyRevoked.pattern, (d) => d.keyId === created.body.id),
    ).toEqual({
      keyId: created.body.id,
      keyHash,
    });
    expect(
      await waitForBroadcast(AuthBroadcasts.userDeleted.pattern, (d) => d.userId === dave.id),
    ).toEqual({ userId: dave.id });
    expect(await validateKey(keyHash)).toBeNull();
    expect(
      (
        await api('POST', '/auth/login', {
          body: { email: 'dave@example.test', password: dave.password },
        })
      ).status,
    ).toBe(401);
    expect(
      (await api('DELETE', `/auth/users/${dave.id}`, { token: admin.accessToken })).status,
    ).toBe(404);
  });

  it('refuses to demote the last admin or to delete yourself', async () => {
    const pg = new Client({ connectionString: db.url });
    await pg.connect();
    try {
      // Leave the first admin as the only active admin.
      await pg.query(
        `UPDATE users SET active = false WHERE email <> $1 AND role_id = (SELECT id FROM roles WHERE name = 'admin')`,
        [ADMIN_EMAIL],
      );
    } finally {
      await pg.end();
    }
    const demote = await api('PATCH', `/auth/users/${admin.user.id}`, {
      token: admin.accessToken,
      body: { role: 'user' },
    });
    expect(demote.status).toBe(409);
    expect(demote.body.error.code).toBe('USER_LAST_ADMIN');
    const self = await api('DELETE', `/auth/users/${admin.user.id}`, { token: admin.accessToken });
    expect(self.status).toBe(409);
  });
});

describe('sealed signing keys', () => {
  it('stores the private key sealed when SIGNING_KEY_ENCRYPTION_KEY is set, and refuses to boot without it', async () => {
    const sealedDb = await createTestDatabase('auth_sealed');
    try {
      const sealedEnv = {
        ...env,
        DATABASE_URL: sealedDb.url,
        SIGNING_KEY_ENCRYPTION_KEY: testEncryptionKey(),
      };
      const service = await spawnService('auth-service', sealedEnv);
      try {
        const pg = new Client({ connectionString: sealedDb.url });
        await pg.connect();
        try {
          const { rows } = await pg.query(
            'SELECT private_jwk, private_jwk_sealed FROM signing_keys',
          );
          expect(rows).toHaveLength(1);
          expect(rows[0].private_jwk).toBeNull();
          expect(rows[0].private_jwk_sealed).toMatch(/^v1\./);
        } finally {
          await pg.end();
        }
        const pair = await jsonRequest(service.url, 'POST', '/auth/login', {
          body: { email: ADMIN_EMAIL, password: ADMIN_PASSWORD },
        });
        const jwks = await jsonRequest(service.url, 'GET', '/auth/.well-known/jwks.json');
        await expect(
          jwtVerify(pair.body.accessToken, createLocalJWKSet(jwks.body), {
            issuer: 'llmgw-auth',
            audience: 'llmgw',
          }),
        ).resolves.toBeDefined();
      } finally {
        await service.stop();
      }
      const { SIGNING_KEY_ENCRYPTION_KEY: _omitted, ...withoutKey } = sealedEnv;
      await expect(
        spawnService('auth-service', withoutKey, { readyTimeoutMs: 15_000 }),
      ).rejects.toThrow(/exited/);
    } finally {
      await sealedDb.drop();
    }
  });
});
