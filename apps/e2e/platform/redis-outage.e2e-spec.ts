import OpenAI from 'openai';
import { TcpProxy } from '@llmgw/common/testing';
import { api, logTail, startPlatform, waitFor, type Platform } from '../support/platform';

/**
 * Redis goes away under the gateway: it keeps answering from its caches, reports itself degraded
 * (still ready), buffers the usage and audit events, and delivers every one when Redis returns.
 */
describe('gateway while Redis is unreachable', () => {
  let platform: Platform;
  let redisHop: TcpProxy;
  let adminToken: string;
  let client: OpenAI;

  beforeAll(async () => {
    redisHop = await TcpProxy.start('redis://127.0.0.1:6379/0');
    platform = await startPlatform('e2e-outage', {
      serviceEnv: { 'model-gateway': { REDIS_URL: redisHop.via('redis://127.0.0.1:6379/0') } },
    });
    adminToken = (await api<{ accessToken: string }>(`${platform.url}/auth/login`, { body: platform.admin })).body.accessToken;
    const key = await api<{ key: string }>(`${platform.url}/auth/api-keys`, { token: adminToken, body: { name: 'outage' } });
    client = new OpenAI({ apiKey: key.body.key, baseURL: `${platform.url}/v1`, maxRetries: 0 });
    // The key and the model are in the gateway's caches from here on.
    await waitFor(async () => (await client.models.list()).data.some((m) => m.id === 'demo'), () => 'demo model not served');
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
    await redisHop?.down();
  }, 60_000);

  it('keeps serving, reports degraded, and loses no usage record', async () => {
    await redisHop.down();

    const requestIds: string[] = [];
    for (let i = 0; i < 10; i++) {
      const { data, response } = await client.chat.completions
        .create({ model: 'demo', messages: [{ role: 'user', content: `during the outage ${i}` }] })
        .withResponse();
      expect(data.choices[0]?.message.content).toContain(`during the outage ${i}`);
      requestIds.push(response.headers.get('x-request-id') ?? '');
    }

    type Ready = { details: { redis: { degraded?: boolean }; events: { degraded: boolean; buffered: number } } };
    const readiness = async () => {
      const res = await fetch(`${platform.services['model-gateway'].url}/health/ready`);
      return { status: res.status, body: (await res.json()) as Ready };
    };
    const during = await readiness();
    expect(during.status).toBe(200);
    expect(during.body.details.redis.degraded).toBe(true);
    expect(during.body.details.events.degraded).toBe(true);
    expect(during.body.details.events.buffered).toBeGreaterThanOrEqual(10);

    await redisHop.up();
    await waitFor(
      async () => {
        const usage = await api<{ data: { requestId: string; status: number }[] }>(`${platform.url}/admin/api/usage?limit=200`, {
          token: adminToken,
        });
        const recorded = new Set(usage.body.data.filter((r) => r.status === 200).map((r) => r.requestId));
        return requestIds.every((id) => recorded.has(id));
      },
      () => `usage recorded during the outage never arrived:\n${logTail(platform.services['model-gateway'])}`,
      20_000,
    );
    const after = await readiness();
    expect(after.status).toBe(200);
    expect(after.body.details.events).toEqual({ status: 'up', degraded: false, buffered: 0 });
  }, 60_000);
});
