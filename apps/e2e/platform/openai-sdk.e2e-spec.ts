import OpenAI, { APIError } from 'openai';
import { countFakeTokens, fakeEmbeddingFor } from '@llmgw/llm-providers/testing';
import { dirname } from 'node:path';
import { spawnService } from '@llmgw/common/testing';
import { api, logTail, startPlatform, waitFor, type Platform } from '../support/platform';

interface UsageRecordView {
  requestId: string;
  model: string;
  endpoint: string;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  costUsd: number;
  status: number;
  stream: boolean;
  apiKeyId: string;
  userId: string;
}

const PRICES = { inputCostPer1M: 2.5, outputCostPer1M: 10 };
const costOf = (prompt: number, completion: number) =>
  Math.round(((prompt * PRICES.inputCostPer1M + completion * PRICES.outputCostPer1M) / 1e6) * 1e8) / 1e8;

/**
 * The platform end to end through nginx with the official `openai` SDK, unmodified: every service
 * booted for real, a local server speaking OpenAI's wire protocol as the only provider.
 */
describe('OpenAI-compatible gateway, end to end', () => {
  let platform: Platform;
  let adminToken: string;
  let apiKey: string;
  let apiKeyId: string;
  let client: OpenAI;
  let connectionId: string;

  const createLlm = (name: string, upstreamModel: string) =>
    api<{ id: string }>(`${platform.url}/admin/api/llms`, {
      token: adminToken,
      body: { name, connectionId, upstreamModel, ...PRICES },
    });

  beforeAll(async () => {
    platform = await startPlatform('e2e-openai');
    const login = await api<{ accessToken: string }>(`${platform.url}/auth/login`, { body: platform.admin });
    expect(login.status).toBe(200);
    adminToken = login.body.accessToken;

    const connection = await api<{ id: string }>(`${platform.url}/admin/api/connections`, {
      token: adminToken,
      body: { name: 'fake-openai', provider: 'openai-compatible', baseUrl: platform.upstream.url, apiKey: platform.upstreamApiKey },
    });
    expect(connection.status).toBe(201);
    connectionId = connection.body.id;
    for (const [name, upstream] of [
      ['gpt-e2e', 'gpt-4o-mini'],
      ['instruct-e2e', 'gpt-3.5-turbo-instruct'],
      ['embed-e2e', 'text-embedding-3-small'],
      ['broken-e2e', 'fail-500'],
      ['hanging-e2e', 'hang'],
      ['slow-e2e', 'slow-stream'],
    ] as const) {
      expect((await createLlm(name, upstream)).status).toBe(201);
    }

    const key = await api<{ id: string; key: string }>(`${platform.url}/auth/api-keys`, { token: adminToken, body: { name: 'e2e' } });
    expect(key.status).toBe(201);
    apiKey = key.body.key;
    apiKeyId = key.body.id;
    client = new OpenAI({ apiKey, baseURL: `${platform.url}/v1`, maxRetries: 0, timeout: 20_000 });
    // The models created above reach the gateway by broadcast; wait until the last one is listed.
    await waitFor(
      async () => (await client.models.list()).data.some((m) => m.id === 'hanging-e2e'),
      () => `models never reached the gateway:\n${logTail(platform.services['model-gateway'])}`,
    );
  }, 120_000);

  afterAll(async () => {
    await platform?.stop();
  }, 60_000);

  it('answers a chat completion, with the request id and the cost in headers', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-e2e', messages: [{ role: 'user', content: 'Say hello to the gateway' }] })
      .withResponse();
    expect(data.object).toBe('chat.completion');
    expect(data.model).toBe('gpt-e2e');
    expect(data.choices[0]?.message.content).toBe('Echo: Say hello to the gateway');
    expect(data.usage).toMatchObject({ prompt_tokens: 5, completion_tokens: 6, total_tokens: 11 });
    expect(response.headers.get('x-request-id')).toMatch(/^[\w.:-]+$/);
    expect(Number(response.headers.get('x-llmgw-cost-usd'))).toBeCloseTo(costOf(5, 6), 10);
    // The upstream saw its own model name and the connection's key, never the caller's.
    const seen = platform.upstream.requests.at(-1);
    expect(seen?.body).toMatchObject({ model: 'gpt-4o-mini' });
    expect(seen?.headers.authorization).toBe(`Bearer ${platform.upstreamApiKey}`);
  });

  it('streams a chat completion chunk by chunk, ending with the usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-e2e',
      messages: [{ role: 'user', content: 'stream these five words' }],
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    const text = chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('');
    expect(text).toBe('Echo: stream these five words');
    expect(chunks.length).toBeGreaterThan(3);
    expect(chunks.every((c) => c.model === 'gpt-e2e')).toBe(true);
    const last = chunks.at(-1);
    expect(last?.choices).toEqual([]);
    expect(last?.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 5, total_tokens: 9 });
  });

  it('streams without a usage chunk when the caller did not ask for one', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-e2e',
      messages: [{ role: 'user', content: 'no usage please' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta?.content ?? '').join('')).toBe('Echo: no usage please');
    expect(chunks.some((c) => c.usage)).toBe(false);
    // The gateway still asked the upstream for usage, to bill the request.
    expect(platform.upstream.requests.at(-1)?.body).toMatchObject({ stream_options: { include_usage: true } });
  });

  it('answers legacy completions', async () => {
    const completion = await client.completions.create({ model: 'instruct-e2e', prompt: 'Once upon a time' });
    expect(completion.model).toBe('instruct-e2e');
    expect(completion.choices[0]?.text.length).toBeGreaterThan(0);
    expect(completion.usage?.prompt_tokens).toBe(4);
  });

  it('returns embeddings exactly, with the SDK default (base64) and with floats', async () => {
    const inputs = ['the quick brown fox', 'jumps over'];
    const base64 = await client.embeddings.create({ model: 'embed-e2e', input: inputs });
    expect(base64.model).toBe('embed-e2e');
    expect(base64.data.map((d) => d.embedding)).toEqual(inputs.map((i) => fakeEmbeddingFor(i)));
    // The SDK asked for base64 on the wire; the gateway asked the upstream for floats.
    expect(platform.upstream.requests.at(-1)?.body).toMatchObject({ encoding_format: 'float' });

    const floats = await client.embeddings.create({ model: 'embed-e2e', input: 'the quick brown fox', encoding_format: 'float' });
    expect(floats.data[0]?.embedding).toEqual(fakeEmbeddingFor('the quick brown fox'));
    expect(floats.usage.prompt_tokens).toBe(countFakeTokens('the quick brown fox'));
  });

  it('lists and retrieves models, including the built-in demo model', async () => {
    const ids = (await client.models.list()).data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['demo', 'gpt-e2e', 'embed-e2e']));
    const model = await client.models.retrieve('gpt-e2e');
    expect(model).toMatchObject({ id: 'gpt-e2e', object: 'model' });
  });

  it('answers with the demo model and no provider key at all', async () => {
    const completion = await client.chat.completions.create({ model: 'demo', messages: [{ role: 'user', content: 'hi' }] });
    expect(completion.choices[0]?.message.content).toContain('hi');
    expect(completion.usage?.total_tokens).toBeGreaterThan(0);
  });

  it('raises the SDK typed errors: bad key, unknown model, malformed body, upstream failure, upstream timeout', async () => {
    const badKey = new OpenAI({ apiKey: 'llmgw-not-a-key', baseURL: `${platform.url}/v1`, maxRetries: 0 });
    const authError = await badKey.models.list().catch((e: unknown) => e);
    expect(authError).toBeInstanceOf(OpenAI.AuthenticationError);
    expect((authError as APIError).code).toBe('invalid_api_key');

    const notFound = await client.chat.completions.create({ model: 'no-such-model', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(notFound).toBeInstanceOf(OpenAI.NotFoundError);
    expect((notFound as APIError).code).toBe('model_not_found');

    const badBody = await client.chat.completions
      .create({ model: 'gpt-e2e', messages: 'not an array' as never })
      .catch((e: unknown) => e);
    expect(badBody).toBeInstanceOf(OpenAI.BadRequestError);
    expect((badBody as APIError).param).toBe('messages');

    const temperature = await client.chat.completions
      .create({ model: 'gpt-e2e', messages: [{ role: 'user', content: 'x' }], temperature: 'hot' as never })
      .catch((e: unknown) => e);
    expect(temperature).toBeInstanceOf(OpenAI.BadRequestError);
    expect((temperature as APIError).param).toBe('temperature');

    const upstream = await client.chat.completions.create({ model: 'broken-e2e', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(upstream).toBeInstanceOf(OpenAI.InternalServerError);
    expect((upstream as APIError).status).toBe(502);

    const timeout = await client.chat.completions.create({ model: 'hanging-e2e', messages: [{ role: 'user', content: 'x' }] }).catch((e: unknown) => e);
    expect(timeout).toBeInstanceOf(OpenAI.InternalServerError);
    expect((timeout as APIError).status).toBe(504);
  }, 30_000);

  it('accepts the key as Authorization: Bearer, x-api-key or api-key', async () => {
    const variants: Record<string, string>[] = [{ authorization: `Bearer ${apiKey}` }, { 'x-api-key': apiKey }, { 'api-key': apiKey }];
    for (const headers of variants) {
      const res = await fetch(`${platform.url}/v1/models`, { headers });
      expect(res.status).toBe(200);
    }
    const missing = await fetch(`${platform.url}/v1/models`);
    expect(missing.status).toBe(401);
    expect(((await missing.json()) as { error: { code: string } }).error.code).toBe('missing_api_key');
  });

  it('aborts the upstream call when the client goes away mid-stream, and still records the usage', async () => {
    platform.upstream.reset();
    const controller = new AbortController();
    const { data: stream, response } = await client.chat.completions
      .create(
        { model: 'slow-e2e', messages: [{ role: 'user', content: 'one two three four five six seven eight' }], stream: true },
        { signal: controller.signal },
      )
      .withResponse();
    let received = 0;
    for await (const _chunk of stream) {
      if (++received === 2) {
        controller.abort();
        break;
      }
    }
    expect(received).toBe(2);
    const upstreamCall = platform.upstream.requests.find((r) => r.path === '/v1/chat/completions');
    await expect(upstreamCall?.outcome).resolves.toBe('aborted');

    const requestId = response.headers.get('x-request-id');
    await waitFor(
      async () => {
        const usage = await api<{ data: UsageRecordView[] }>(`${platform.url}/admin/api/usage?limit=100`, { token: adminToken });
        const record = usage.body.data.find((r) => r.requestId === requestId);
        return record?.status === 499 && record.promptTokens > 0;
      },
      () => `no 499 usage record for the abandoned stream:\n${logTail(platform.services['model-gateway'])}`,
    );
  });

  it('answers malformed JSON with a 400 in OpenAI shape', async () => {
    const res = await fetch(`${platform.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/json' },
      body: '{"model": "gpt-e2e", "messages": [',
    });
    expect(res.status).toBe(400);
    const body = (await res.json()) as { error: { type: string; message: string } };
    expect(body.error.type).toBe('invalid_request_error');
    expect(body.error.message).toMatch(/JSON/);

    // `curl -d` sends a JSON body as a form; the model API only takes JSON, so it reads it as such.
    const asForm = await fetch(`${platform.url}/v1/chat/completions`, {
      method: 'POST',
      headers: { authorization: `Bearer ${apiKey}`, 'content-type': 'application/x-www-form-urlencoded' },
      body: JSON.stringify({ model: 'demo', messages: [{ role: 'user', content: 'sent as a form' }] }),
    });
    expect(asForm.status).toBe(200);
  });

  it('records every request in /admin/api/usage with the right tokens and cost', async () => {
    const { data, response } = await client.chat.completions
      .create({ model: 'gpt-e2e', messages: [{ role: 'user', content: 'count my tokens please' }] })
      .withResponse();
    const requestId = response.headers.get('x-request-id');
    expect(data.usage?.prompt_tokens).toBe(4);

    let record: UsageRecordView | undefined;
    await waitFor(
      async () => {
        const usage = await api<{ data: UsageRecordView[] }>(`${platform.url}/admin/api/usage?limit=100`, { token: adminToken });
        record = usage.body.data.find((r) => r.requestId === requestId);
        return record !== undefined;
      },
      () => `usage record ${requestId} never appeared:\n${logTail(platform.services['analytic-service'])}`,
    );
    expect(record).toMatchObject({
      model: 'gpt-e2e',
      endpoint: 'chat.completions',
      promptTokens: 4,
      completionTokens: 5,
      totalTokens: 9,
      status: 200,
      stream: false,
      apiKeyId,
    });
    expect(record?.costUsd).toBeCloseTo(costOf(4, 5), 10);

    // Streams, failures and bad input are records too: nothing that reached a model goes unbilled or unseen.
    const all = await api<{ data: UsageRecordView[] }>(`${platform.url}/admin/api/usage?limit=100`, { token: adminToken });
    const streamed = all.body.data.find((r) => r.stream && r.promptTokens === 4 && r.completionTokens === 5);
    expect(streamed?.costUsd).toBeCloseTo(costOf(4, 5), 10);
    expect(all.body.data.some((r) => r.model === 'broken-e2e' && r.status === 502)).toBe(true);
    expect(all.body.data.some((r) => r.model === 'no-such-model' && r.status === 404)).toBe(true);
  });

  it('audits every authenticated request in /admin/api/logs', async () => {
    const { response } = await client.models.list().withResponse();
    const requestId = response.headers.get('x-request-id');
    await waitFor(
      async () => {
        const logs = await api<{ data: { requestId: string; path: string; status: number; apiKeyId: string }[] }>(
          `${platform.url}/admin/api/logs?limit=200`,
          { token: adminToken },
        );
        return logs.body.data.some((l) => l.requestId === requestId && l.path === '/v1/models' && l.status === 200 && l.apiKeyId === apiKeyId);
      },
      () => `audit record ${requestId} never appeared:\n${logTail(platform.services['logger-service'])}`,
    );
  });

  it('carries the request id across the Redis transport into the services it calls', async () => {
    // A key the gateway has not cached yet: its first request asks auth-service over RPC.
    const fresh = await api<{ key: string }>(`${platform.url}/auth/api-keys`, { token: adminToken, body: { name: 'trace' } });
    const res = await fetch(`${platform.url}/v1/models`, { headers: { authorization: `Bearer ${fresh.body.key}`, 'x-request-id': 'trace-rpc-e2e-0001' } });
    expect(res.status).toBe(200);
    expect(res.headers.get('x-request-id')).toBe('trace-rpc-e2e-0001');
    await waitFor(
      async () => logTail(platform.services['auth-service'], 400).includes('"requestId":"trace-rpc-e2e-0001"'),
      () => `auth-service never logged the caller's request id:\n${logTail(platform.services['auth-service'])}`,
    );
  });

  it('serves a model added through the admin API within 1 s on every gateway instance, with no restart', async () => {
    // A second replica, as a scaled deployment would run it: same settings, its own port.
    const replica = await spawnService('model-gateway', { ...platform.env }, { logDir: dirname(platform.services['model-gateway'].logFile) });
    try {
      const replicaClient = new OpenAI({ apiKey, baseURL: `${replica.url}/v1`, maxRetries: 0 });
      await waitFor(async () => (await replicaClient.models.list()).data.some((m) => m.id === 'gpt-e2e'), () => 'replica not serving');

      const created = await createLlm('added-live', 'gpt-4o');
      expect(created.status).toBe(201);
      const start = Date.now();
      const servedWithin1s = async (gateway: OpenAI) => {
        while (Date.now() - start < 1000) {
          const answered = await gateway.chat.completions
            .create({ model: 'added-live', messages: [{ role: 'user', content: 'are you there' }] })
            .then((c) => c.choices[0]?.message.content === 'Echo: are you there')
            .catch(() => false);
          if (answered) return true;
          await new Promise((r) => setTimeout(r, 20));
        }
        return false;
      };
      expect(await Promise.all([servedWithin1s(client), servedWithin1s(replicaClient)])).toEqual([true, true]);
    } finally {
      await replica.stop();
    }
  });
});
