import type { Agent } from 'undici';
import { createHttpAgent } from '../core/http-client';
import type { CallContext, ProviderTarget } from '../core/provider-adapter';
import { ProviderError } from '../core/provider-error';
import {
  fakeEmbeddingFor,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from '../testing/fake-openai-server';
import { OpenAICompatibleAdapter } from './openai-compatible.adapter';
import { OPENAI, VLLM } from './openai-compatible.config';

// What the upstream sees and what comes back, beyond the contract suite.
describe('OpenAICompatibleAdapter against the fake OpenAI server', () => {
  let server: FakeOpenAIServer;
  let agent: Agent;
  let target: ProviderTarget;
  const ctx = (): CallContext => ({ signal: new AbortController().signal, requestId: 'req-42' });

  beforeAll(async () => {
    server = await startFakeOpenAIServer({ apiKey: 'sk-upstream' });
    agent = createHttpAgent();
    target = {
      provider: 'openai',
      baseUrl: server.url,
      apiKey: 'sk-upstream',
      upstreamModel: 'gpt-4o-mini',
    };
  });
  beforeEach(() => server.reset());
  afterAll(async () => {
    await agent.close();
    await server.close();
  });

  it('sends the upstream model, the key, the request id, and asks a stream for usage', async () => {
    const adapter = new OpenAICompatibleAdapter(OPENAI, { dispatcher: agent });
    const stream = await adapter.chatStream(
      {
        model: 'public-name',
        messages: [{ role: 'user', content: 'hi' }],
        max_tokens: 9,
        stream: true,
        stream_options: { include_usage: false },
        drop_params: true,
        metadata: { team: 'a' },
      },
      target,
      ctx(),
    );
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(3); // "hi" + "Echo: hi"

    const [seen] = server.requests;
    expect(seen.method).toBe('POST');
    expect(seen.path).toBe('/v1/chat/completions');
    expect(seen.headers).toMatchObject({
      authorization: 'Bearer sk-upstream',
      'x-request-id': 'req-42',
      accept: 'text/event-stream',
      'content-type': 'application/json',
    });
    expect(seen.body).toEqual({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      max_completion_tokens: 9,
      metadata: { team: 'a' },
      stream: true,
      stream_options: { include_usage: true },
    });
    await expect(seen.outcome).resolves.toBe('completed');
  });

  it('reuses pooled keep-alive connections for successive calls', async () => {
    const adapter = new OpenAICompatibleAdapter(VLLM, { dispatcher: agent });
    for (let i = 0; i < 6; i++)
      await adapter.chat(
        { model: 'x', messages: [{ role: 'user', content: `n${i}` }] },
        target,
        ctx(),
      );
    expect(server.requests).toHaveLength(6);
    // undici may open a second connection while the first is being released, never one per call.
    expect(new Set(server.requests.map((r) => r.remotePort)).size).toBeLessThanOrEqual(2);
  });

  it('returns float vectors when the caller asked for base64 (the gateway encodes)', async () => {
    const adapter = new OpenAICompatibleAdapter(VLLM, { dispatcher: agent });
    const res = await adapter.embeddings(
      { model: 'e', input: ['alpha', 'beta'], encoding_format: 'base64', dimensions: 4 },
      { ...target, upstreamModel: 'text-embedding-3-small' },
      ctx(),
    );
    expect(res.data.map((d) => d.embedding)).toEqual([
      fakeEmbeddingFor('alpha', 4),
      fakeEmbeddingFor('beta', 4),
    ]);
    expect(res.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
    expect(server.requests[0].body).toMatchObject({ encoding_format: 'float', dimensions: 4 });
  });

  it("maps the upstream's 400 body to the caller's error, param included", async () => {
    const adapter = new OpenAICompatibleAdapter(VLLM, { dispatcher: agent });
    const call = adapter.chat(
      { model: 'x', messages: [{ role: 'user', content: 'hi' }] },
      { ...target, upstreamModel: 'fail-400' },
      ctx(),
    );
    await expect(call).rejects.toMatchObject({
      kind: 'bad_request',
      status: 400,
      param: 'messages',
      code: 'context_length_exceeded',
    });
  });

  it('carries retry-after from a 429', async () => {
    const adapter = new OpenAICompatibleAdapter(VLLM, { dispatcher: agent });
    const call = adapter.chat(
      { model: 'x', messages: [{ role: 'user', content: 'hi' }] },
      { ...target, upstreamModel: 'fail-429' },
      ctx(),
    );
    await expect(call).rejects.toMatchObject({ kind: 'rate_limited', retryAfterMs: 100 });
  });

  it('a wrong provider key is a 502 for the caller', async () => {
    const adapter = new OpenAICompatibleAdapter(VLLM, { dispatcher: agent });
    const call = adapter.chat(
      { model: 'x', messages: [{ role: 'user', content: 'hi' }] },
      { ...target, apiKey: 'sk-wrong' },
      ctx(),
    );
    await expect(call).rejects.toMatchObject({
      kind: 'authentication',
      status: 502,
      upstreamStatus: 401,
    });
  });

  it('an unreachable upstream is a retryable connection error', async () => {
    const adapter = new OpenAICompatibleAdapter(VLLM, { dispatcher: agent });
    const call = adapter.chat(
      { model: 'x', messages: [{ role: 'user', content: 'hi' }] },
      { ...target, baseUrl: 'http://127.0.0.1:1/v1' },
      ctx(),
    );
    await expect(call).rejects.toBeInstanceOf(ProviderError);
    await expect(call).rejects.toMatchObject({ kind: 'connection', status: 502, retryable: true });
  });

  it('an unsupported parameter fails before any request is sent', async () => {
    const adapter = new OpenAICompatibleAdapter(
      { ...VLLM, params: { ...VLLM.params, chat: { supported: ['model', 'messages'] } } },
      { dispatcher: agent },
    );
    const call = adapter.chat(
      { model: 'x', messages: [{ role: 'user', content: 'hi' }], logit_bias: { 1: 1 } },
      target,
      ctx(),
    );
    await expect(call).rejects.toMatchObject({ kind: 'unsupported', param: 'logit_bias' });
    expect(server.requests).toHaveLength(0);
  });
});
