import Redis from 'ioredis';
import { Client } from 'pg';
import { firstValueFrom, timeout } from 'rxjs';
import { ConfigRpc, SecretBox, type ConfigSnapshot } from '@llmgw/common';
import { NamespacedClientRedis, redisOptionsFromUrl } from '@llmgw/common/bus';
import {
  createUser,
  jsonRequest,
  loginAs,
  startServicesWithAuth,
  testEncryptionKey,
  type JsonResponse,
  type ServicesWithAuth,
} from '@llmgw/common/testing';

jest.setTimeout(60_000);

const ADMIN = { email: 'admin@config-test.local', password: 'admin-password-123' };
const PROVIDER_SECRET = 'sk-test-PLAINTEXT-secret-0123456789';

interface Broadcast {
  version: number;
  at: number;
}

describe('configuration-service', () => {
  const encryptionKey = testEncryptionKey();
  let services: ServicesWithAuth;
  let adminToken: string;
  let subscriber: Redis;
  let pg: Client;
  const broadcasts: Broadcast[] = [];

  /** A request to configuration-service, as the admin unless another token (or null: none) is given; a string body is sent as is. */
  const api = (method: string, path: string, body?: unknown, token: string | null = adminToken): Promise<JsonResponse> =>
    jsonRequest(services.service.url, method, path, {
      token: token ?? undefined,
      ...(typeof body === 'string' ? { rawBody: body } : { body }),
    });

  const currentVersion = async (): Promise<number> => (await api('GET', '/admin/api/config')).body.version;
  const redisVersion = async (): Promise<number> => Number(await services.redis.get(`${services.redisEnv.REDIS_KEY_PREFIX}config:version`));

  const waitFor = async <T>(probe: () => T | undefined | Promise<T | undefined>, timeoutMs: number): Promise<T | undefined> => {
    const deadline = Date.now() + timeoutMs;
    for (;;) {
      const value = await probe();
      if (value !== undefined || Date.now() > deadline) return value;
      await new Promise((r) => setTimeout(r, 10));
    }
  };

  beforeAll(async () => {
    services = await startServicesWithAuth({
      service: 'configuration-service',
      label: 'configuration',
      admin: ADMIN,
      env: { CONFIG_ENCRYPTION_KEY: encryptionKey },
    });
    const { redisEnv } = services;
    subscriber = new Redis(redisEnv.REDIS_URL);
    await subscriber.subscribe(`${redisEnv.BUS_NAMESPACE}config.changed`);
    subscriber.on('message', (_channel: string, message: string) => {
      const packet = JSON.parse(message) as { data?: { data?: { version?: unknown } } };
      broadcasts.push({ version: Number(packet.data?.data?.version), at: Date.now() });
    });
    pg = new Client({ connectionString: services.db.url });
    await pg.connect();
    adminToken = services.admin.accessToken;
  });

  afterAll(async () => {
    await pg?.end();
    subscriber?.disconnect();
    await services?.stop();
  });

  describe('on first boot', () => {
    it('seeds the free demo connection and model', async () => {
      const connections = await api('GET', '/admin/api/connections');
      expect(connections.status).toBe(200);
      expect(connections.body).toEqual([
        expect.objectContaining({ name: 'demo', provider: 'demo', baseUrl: null, hasApiKey: false }),
      ]);
      const llms = await api('GET', '/admin/api/llms');
      expect(llms.body).toEqual([
        expect.objectContaining({
          name: 'demo',
          upstreamModel: 'demo',
          inputCostPer1M: 0,
          outputCostPer1M: 0,
          enabled: true,
          connectionId: connections.body[0].id,
        }),
      ]);
    });

    it('publishes its config version to Redis', async () => {
      const version = await currentVersion();
      expect(version).toBeGreaterThanOrEqual(2);
      expect(await redisVersion()).toBe(version);
    });
  });

  describe('access', () => {
    it('answers 401 without an access token', async () => {
      const res = await api('GET', '/admin/api/connections', undefined, null);
      expect(res.status).toBe(401);
      expect(res.body.error.message).toMatch(/access token/);
    });

    it('answers 403 to a user who is not an admin', async () => {
      const user = { email: 'user@config-test.local', password: 'user-password-123' };
      await createUser(services.auth.url, adminToken, { ...user, role: 'user' });
      const userToken = (await loginAs(services.auth.url, user)).accessToken;
      for (const [method, path, body] of [
        ['GET', '/admin/api/connections', undefined],
        ['GET', '/admin/api/llms', undefined],
        ['GET', '/admin/api/config', undefined],
        ['POST', '/admin/api/connections', { name: 'x', provider: 'demo' }],
      ] as const) {
        const res = await api(method, path, body, userToken);
        expect(res.status).toBe(403);
        expect(res.body.error.message).toMatch(/admin/);
      }
      expect((await api('GET', '/admin/api/connections')).body.map((c: { name: string }) => c.name)).not.toContain('x');
    });
  });

  describe('connections', () => {
    let connectionId: string;

    it('creates a connection; the API key is sealed and never shown', async () => {
      const res = await api('POST', '/admin/api/connections', {
        name: 'openai-main',
        provider: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        apiKey: PROVIDER_SECRET,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'openai-main',
        provider: 'openai',
        baseUrl: 'https://api.openai.com/v1',
        hasApiKey: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      expect(res.text).not.toContain(PROVIDER_SECRET);
      connectionId = res.body.id;

      const { rows } = await pg.query('SELECT api_key_encrypted FROM llm_connections WHERE id = $1', [connectionId]);
      const stored = rows[0].api_key_encrypted as string;
      expect(stored).not.toContain(PROVIDER_SECRET);
      expect(new SecretBox(encryptionKey).open(stored)).toBe(PROVIDER_SECRET);
      const dump = await pg.query('SELECT row_to_json(c)::text AS row FROM llm_connections c');
      expect(dump.rows.map((r) => r.row).join('\n')).not.toContain(PROVIDER_SECRET);
    });

    it('lists and reads connections without the key', async () => {
      const list = await api('GET', '/admin/api/connections');
      expect(list.status).toBe(200);
      expect(list.body.map((c: { name: string }) => c.name)).toEqual(['demo', 'openai-main']);
      const one = await api('GET', `/admin/api/connections/${connectionId}`);
      expect(one.status).toBe(200);
      expect(one.body).toMatchObject({ id: connectionId, name: 'openai-main', hasApiKey: true });
      for (const res of [list, one]) {
        expect(res.text).not.toContain(PROVIDER_SECRET);
        expect(res.text).not.toMatch(/apiKey"/);
      }
    });

    it('updates partially, clears the key with null and replaces it with a new one', async () => {
      const renamed = await api('PATCH', `/admin/api/connections/${connectionId}`, { name: 'openai' });
      expect(renamed.status).toBe(200);
      expect(renamed.body).toMatchObject({ name: 'openai', baseUrl: 'https://api.openai.com/v1', hasApiKey: true });

      const cleared = await api('PATCH', `/admin/api/connections/${connectionId}`, { apiKey: null });
      expect(cleared.body.hasApiKey).toBe(false);
      const { rows } = await pg.query('SELECT api_key_encrypted FROM llm_connections WHERE id = $1', [connectionId]);
      expect(rows[0].api_key_encrypted).toBeNull();

      const rekeyed = await api('PATCH', `/admin/api/connections/${connectionId}`, { apiKey: PROVIDER_SECRET });
      expect(rekeyed.status).toBe(200);
      expect(rekeyed.body.hasApiKey).toBe(true);
      expect(rekeyed.text).not.toContain(PROVIDER_SECRET);
    });

    it('refuses bad bodies with a 400 that names the field', async () => {
      const cases: [unknown, string][] = [
        [{ provider: 'openai', baseUrl: 'https://x.example' }, 'name'],
        [{ name: 'a', provider: 'bedrock', baseUrl: 'https://x.example' }, 'provider'],
        [{ name: 'a', provider: 'vllm' }, 'baseUrl'],
        [{ name: 'a', provider: 'litellm', baseUrl: 'ftp://x.example' }, 'baseUrl'],
        [{ name: 'a', provider: 'openai', baseUrl: 'https://x.example', apiKey: 12 }, 'apiKey'],
        [{ name: 'a', provider: 'demo', hasApiKey: true }, 'hasApiKey'],
      ];
      for (const [body, field] of cases) {
        const res = await api('POST', '/admin/api/connections', body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(`"${field}"`);
        expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      }
      const toOpenAiWithoutUrl = await api('PATCH', `/admin/api/connections/${(await api('GET', '/admin/api/connections')).body[0].id}`, {
        provider: 'openai',
      });
      expect(toOpenAiWithoutUrl.status).toBe(400);
      expect(toOpenAiWithoutUrl.body.error.message).toContain('"baseUrl"');

      const notJson = await api('POST', '/admin/api/connections', '{"name":');
      expect(notJson.status).toBe(400);
      expect(notJson.body.error.code).toBe('INVALID_JSON');
    });

    it('answers 404 for unknown and malformed ids', async () => {
      for (const id of ['6f1c1d8e-0000-4000-8000-000000000000', 'not-a-uuid', "1' OR '1'='1"]) {
        const path = `/admin/api/connections/${encodeURIComponent(id)}`;
        expect((await api('GET', path)).status).toBe(404);
        expect((await api('PATCH', path, { name: 'x' })).status).toBe(404);
        expect((await api('DELETE', path)).status).toBe(404);
      }
    });

    it('refuses a duplicate name with 409', async () => {
      const res = await api('POST', '/admin/api/connections', { name: 'openai', provider: 'openai', baseUrl: 'https://other.example/v1' });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('CONNECTION_NAME_TAKEN');
      expect(res.body.error.message).toContain('"openai"');
    });
  });

  describe('llms', () => {
    let connectionId: string;
    let llmId: string;

    beforeAll(async () => {
      const res = await api('POST', '/admin/api/connections', { name: 'vllm-local', provider: 'vllm', baseUrl: 'http://127.0.0.1:8000/v1' });
      connectionId = res.body.id;
    });

    it('creates an LLM with an OpenAI-style model id', async () => {
      const res = await api('POST', '/admin/api/llms', {
        name: 'meta-llama/Llama-3.1-8B:instruct',
        connectionId,
        upstreamModel: 'llama-3.1-8b',
        inputCostPer1M: 0.15,
        outputCostPer1M: 0.6,
      });
      expect(res.status).toBe(201);
      expect(res.body).toEqual({
        id: expect.any(String),
        name: 'meta-llama/Llama-3.1-8B:instruct',
        connectionId,
        connection: { id: connectionId, name: 'vllm-local', provider: 'vllm' },
        upstreamModel: 'llama-3.1-8b',
        inputCostPer1M: 0.15,
        outputCostPer1M: 0.6,
        enabled: true,
        createdAt: expect.any(String),
        updatedAt: expect.any(String),
      });
      llmId = res.body.id;
    });

    it('lists, reads and updates LLMs', async () => {
      const list = await api('GET', '/admin/api/llms');
      expect(list.body.map((l: { name: string }) => l.name)).toEqual(['demo', 'meta-llama/Llama-3.1-8B:instruct']);
      expect((await api('GET', `/admin/api/llms/${llmId}`)).body).toMatchObject({ id: llmId, inputCostPer1M: 0.15 });

      const openai = (await api('GET', '/admin/api/connections')).body.find((c: { name: string }) => c.name === 'openai');
      const updated = await api('PATCH', `/admin/api/llms/${llmId}`, { outputCostPer1M: 0.75, enabled: false, connectionId: openai.id });
      expect(updated.status).toBe(200);
      expect(updated.body).toMatchObject({ outputCostPer1M: 0.75, enabled: false, connectionId: openai.id, inputCostPer1M: 0.15 });
      expect(updated.text).not.toContain(PROVIDER_SECRET);
      expect((await api('PATCH', `/admin/api/llms/${llmId}`, { connectionId, enabled: true })).body).toMatchObject({ connectionId, enabled: true });
    });

    it('refuses bad bodies with a 400 that names the field', async () => {
      const valid = { name: 'm', connectionId, upstreamModel: 'm', inputCostPer1M: 1, outputCostPer1M: 1 };
      const cases: [unknown, string][] = [
        [{ ...valid, name: 'has space' }, 'name'],
        [{ ...valid, inputCostPer1M: -0.5 }, 'inputCostPer1M'],
        [{ ...valid, outputCostPer1M: 'free' }, 'outputCostPer1M'],
        [{ ...valid, connectionId: 'nope' }, 'connectionId'],
        [{ ...valid, connectionId: '6f1c1d8e-0000-4000-8000-000000000000' }, 'connectionId'],
        [{ ...valid, upstreamModel: undefined }, 'upstreamModel'],
        [{ ...valid, enabled: 'yes' }, 'enabled'],
      ];
      for (const [body, field] of cases) {
        const res = await api('POST', '/admin/api/llms', body);
        expect(res.status).toBe(400);
        expect(res.body.error.message).toContain(`"${field}"`);
        expect(res.body.error.details.fields.map((f: { field: string }) => f.field)).toEqual([field]);
      }
      const patch = await api('PATCH', `/admin/api/llms/${llmId}`, { inputCostPer1M: -1 });
      expect(patch.status).toBe(400);
      expect(patch.body.error.message).toContain('"inputCostPer1M"');
    });

    it('answers 404 for unknown and malformed ids', async () => {
      for (const id of ['6f1c1d8e-0000-4000-8000-000000000000', 'not-a-uuid']) {
        expect((await api('GET', `/admin/api/llms/${id}`)).status).toBe(404);
        expect((await api('PATCH', `/admin/api/llms/${id}`, { enabled: false })).status).toBe(404);
        expect((await api('DELETE', `/admin/api/llms/${id}`)).status).toBe(404);
      }
    });

    it('refuses a duplicate model name with 409, without bumping the version', async () => {
      const before = await currentVersion();
      const res = await api('POST', '/admin/api/llms', {
        name: 'demo',
        connectionId,
        upstreamModel: 'x',
        inputCostPer1M: 0,
        outputCostPer1M: 0,
      });
      expect(res.status).toBe(409);
      expect(res.body.error.code).toBe('LLM_NAME_TAKEN');
      const rename = await api('PATCH', `/admin/api/llms/${llmId}`, { name: 'demo' });
      expect(rename.status).toBe(409);
      expect(await currentVersion()).toBe(before);
    });

    it('refuses to delete a connection while LLMs use it, then deletes it once they are gone', async () => {
      const inUse = await api('DELETE', `/admin/api/connections/${connectionId}`);
      expect(inUse.status).toBe(409);
      expect(inUse.body.error.code).toBe('CONNECTION_IN_USE');
      expect(inUse.body.error.message).toContain('meta-llama/Llama-3.1-8B:instruct');
      expect((await api('GET', `/admin/api/connections/${connectionId}`)).status).toBe(200);

      expect((await api('DELETE', `/admin/api/llms/${llmId}`)).status).toBe(204);
      expect((await api('GET', `/admin/api/llms/${llmId}`)).status).toBe(404);
      expect((await api('DELETE', `/admin/api/connections/${connectionId}`)).status).toBe(204);
      expect((await api('GET', `/admin/api/connections/${connectionId}`)).status).toBe(404);
    });
  });

  describe('propagation to the gateways', () => {
    let client: NamespacedClientRedis;

    beforeAll(async () => {
      client = new NamespacedClientRedis(redisOptionsFromUrl(services.redisEnv.REDIS_URL), services.redisEnv.BUS_NAMESPACE);
      await client.connect();
    });

    afterAll(async () => {
      await client.close();
    });

    const snapshot = (): Promise<ConfigSnapshot> =>
      firstValueFrom(client.send<ConfigSnapshot>(ConfigRpc.snapshotGet.pattern, { meta: {}, data: {} }).pipe(timeout(5000)));

    it('serves the snapshot over RPC, version and models together, the key still sealed', async () => {
      const connection = (await api('GET', '/admin/api/connections')).body.find((c: { name: string }) => c.name === 'openai');
      const created = await api('POST', '/admin/api/llms', {
        name: 'gpt-4o',
        connectionId: connection.id,
        upstreamModel: 'gpt-4o-2024-08-06',
        inputCostPer1M: 2.5,
        outputCostPer1M: 10,
        enabled: false,
      });
      expect(created.status).toBe(201);

      const result = await snapshot();
      expect(result.version).toBe(await currentVersion());
      expect(result.models.map((m) => m.name)).toEqual(['demo', 'gpt-4o']);
      const gpt = result.models.find((m) => m.name === 'gpt-4o');
      expect(gpt).toEqual({
        id: created.body.id,
        name: 'gpt-4o',
        upstreamModel: 'gpt-4o-2024-08-06',
        inputCostPer1M: 2.5,
        outputCostPer1M: 10,
        enabled: false,
        createdAt: created.body.createdAt,
        connection: {
          id: connection.id,
          name: 'openai',
          provider: 'openai',
          baseUrl: 'https://api.openai.com/v1',
          apiKeyEncrypted: expect.stringMatching(/^v1\./),
        },
      });
      expect(JSON.stringify(result)).not.toContain(PROVIDER_SECRET);
      expect(new SecretBox(encryptionKey).open(String(gpt?.connection.apiKeyEncrypted))).toBe(PROVIDER_SECRET);
    });

    it('broadcasts config.changed with a higher version within 1 s of a change, and bumps config:version in Redis', async () => {
      const before = await currentVersion();
      const gpt = (await api('GET', '/admin/api/llms')).body.find((l: { name: string }) => l.name === 'gpt-4o');
      const started = Date.now();
      const res = await api('PATCH', `/admin/api/llms/${gpt.id}`, { enabled: true });
      expect(res.status).toBe(200);

      const seen = await waitFor(() => broadcasts.find((b) => b.version > before && b.at >= started), 1000);
      expect(seen).toEqual({ version: before + 1, at: expect.any(Number) });
      expect((seen?.at ?? Infinity) - started).toBeLessThan(1000);
      expect(await redisVersion()).toBe(before + 1);
      expect(await currentVersion()).toBe(before + 1);
      expect((await snapshot()).models.find((m) => m.name === 'gpt-4o')?.enabled).toBe(true);
    });

    it('announces every kind of change, each with its own version', async () => {
      const versions: number[] = [];
      const track = async (change: () => Promise<JsonResponse>, status: number) => {
        const before = await currentVersion();
        expect((await change()).status).toBe(status);
        const seen = await waitFor(() => broadcasts.find((b) => b.version === before + 1), 1000);
        expect(seen).toBeDefined();
        versions.push(seen?.version ?? NaN);
      };
      let id = '';
      await track(async () => {
        const res = await api('POST', '/admin/api/connections', { name: 'litellm', provider: 'litellm', baseUrl: 'http://litellm:4000' });
        id = res.body.id;
        return res;
      }, 201);
      await track(() => api('PATCH', `/admin/api/connections/${id}`, { baseUrl: 'http://litellm:4001' }), 200);
      await track(() => api('DELETE', `/admin/api/connections/${id}`), 204);
      expect(versions).toEqual([versions[0], versions[0] + 1, versions[0] + 2]);
      expect(await redisVersion()).toBe(versions[2]);
    });
  });

  describe('after a restart', () => {
    it('does not seed the demo model again once an admin deleted it, and republishes the version', async () => {
      const llm = (await api('GET', '/admin/api/llms')).body.find((l: { name: string }) => l.name === 'demo');
      const connection = (await api('GET', '/admin/api/connections')).body.find((c: { name: string }) => c.name === 'demo');
      expect((await api('DELETE', `/admin/api/llms/${llm.id}`)).status).toBe(204);
      expect((await api('DELETE', `/admin/api/connections/${connection.id}`)).status).toBe(204);
      const version = await currentVersion();

      await services.service.stop();
      await services.redis.del(`${services.redisEnv.REDIS_KEY_PREFIX}config:version`);
      await services.restartService();

      expect((await api('GET', '/admin/api/llms')).body.map((l: { name: string }) => l.name)).not.toContain('demo');
      expect((await api('GET', '/admin/api/connections')).body.map((c: { name: string }) => c.name)).not.toContain('demo');
      expect(await currentVersion()).toBe(version);
      expect(await redisVersion()).toBe(version);
    });
  });
});
