import OpenAI from 'openai';
import { request } from 'undici';
import {
  countFakeTokens,
  fakeChatAnswer,
  fakeEmbeddingFor,
  startFakeOpenAIServer,
  type FakeOpenAIServer,
} from './fake-openai-server';

// The fake must be true to OpenAI's wire protocol: the official SDK is the judge.
describe('fake OpenAI server, through the official openai SDK', () => {
  let server: FakeOpenAIServer;
  let client: OpenAI;

  beforeAll(async () => {
    server = await startFakeOpenAIServer({ apiKey: 'sk-fake' });
    client = new OpenAI({ baseURL: server.url, apiKey: 'sk-fake', maxRetries: 0 });
  });
  beforeEach(() => server.reset());
  afterAll(() => server.close());

  const messages: OpenAI.Chat.ChatCompletionMessageParam[] = [
    { role: 'system', content: 'You are a test.' },
    { role: 'user', content: 'What is two plus two?' },
  ];

  it('answers a chat completion with the echo and documented token counts', async () => {
    const res = await client.chat.completions.create({ model: 'gpt-4o-mini', messages });
    expect(res.choices[0].message).toMatchObject({
      role: 'assistant',
      content: 'Echo: What is two plus two?',
    });
    expect(res.choices[0].finish_reason).toBe('stop');
    // prompt: 4 + 5 words; completion: "Echo: What is two plus two?" = 6 words
    expect(res.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 6,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    expect(server.requests[0]).toMatchObject({
      method: 'POST',
      path: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages },
    });
    expect(server.requests[0].headers.authorization).toBe('Bearer sk-fake');
  });

  it('streams word by word, with a final usage chunk when asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      fakeChatAnswer(messages as never),
    );
    expect(chunks.length).toBe(1 + 6 + 1 + 1); // role, six words, finish, usage
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('stop');
    expect(chunks.at(-1)?.choices).toEqual([]);
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: 9,
      completion_tokens: 6,
      total_tokens: 15,
    });
    expect(chunks.slice(0, -1).every((c) => c.usage === null)).toBe(true);
  });

  it('sends no usage chunk unless asked', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.some((c) => c.usage)).toBe(false);
    expect(chunks.at(-1)?.choices[0].finish_reason).toBe('stop');
  });

  it('calls the requested tool with the user message as arguments, streamed or not', async () => {
    const tools: OpenAI.Chat.ChatCompletionTool[] = [
      { type: 'function', function: { name: 'other', parameters: { type: 'object' } } },
      { type: 'function', function: { name: 'calculator', parameters: { type: 'object' } } },
    ];
    const tool_choice = { type: 'function' as const, function: { name: 'calculator' } };
    const res = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages,
      tools,
      tool_choice,
    });
    const call = res.choices[0].message.tool_calls?.[0];
    expect(res.choices[0].finish_reason).toBe('tool_calls');
    expect(call?.type === 'function' && call.function).toEqual({
      name: 'calculator',
      arguments: '{"input":"What is two plus two?"}',
    });

    const runner = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages,
      tools,
      tool_choice,
    });
    const final = await runner.finalChatCompletion();
    expect(final.choices[0].message.tool_calls?.[0]).toMatchObject({
      id: call?.id,
      function: { name: 'calculator', arguments: '{"input":"What is two plus two?"}' },
    });
  });

  it('answers legacy completions, one choice per prompt', async () => {
    const res = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: ['Say this', 'And that'],
    });
    expect(res.choices.map((c) => c.text)).toEqual(['Echo: Say this', 'Echo: And that']);
    expect(res.usage).toMatchObject({ prompt_tokens: 4, completion_tokens: 6, total_tokens: 10 });
    const stream = await client.completions.create({
      model: 'gpt-3.5-turbo-instruct',
      prompt: 'Say this',
      stream: true,
    });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.text ?? '';
    expect(text).toBe('Echo: Say this');
  });

  it('gives the same embeddings as base64 (the SDK default) and as floats', async () => {
    const viaBase64 = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: ['hello world', 'bye'],
    });
    expect(server.requests[0].body).toMatchObject({ encoding_format: 'base64' });
    expect(viaBase64.data.map((d) => d.embedding)).toEqual([
      fakeEmbeddingFor('hello world'),
      fakeEmbeddingFor('bye'),
    ]);
    const viaFloat = await client.embeddings.create({
      model: 'text-embedding-3-small',
      input: 'hello world',
      encoding_format: 'float',
      dimensions: 5,
    });
    expect(viaFloat.data[0].embedding).toEqual(fakeEmbeddingFor('hello world', 5));
    expect(viaFloat.usage).toEqual({ prompt_tokens: 2, total_tokens: 2 });
  });

  it('lists its models', async () => {
    const ids = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toContain('gpt-4o-mini');
    await expect(client.models.retrieve('nope')).rejects.toMatchObject({
      status: 404,
      code: 'model_not_found',
    });
  });

  it.each([
    ['fail-400', OpenAI.BadRequestError, 400, 'context_length_exceeded'],
    ['fail-401', OpenAI.AuthenticationError, 401, 'invalid_api_key'],
    ['fail-404', OpenAI.NotFoundError, 404, 'model_not_found'],
    ['fail-429', OpenAI.RateLimitError, 429, 'rate_limit_exceeded'],
    ['fail-500', OpenAI.InternalServerError, 500, null],
    ['fail-503', OpenAI.InternalServerError, 503, null],
  ])('model %s fails the way OpenAI does', async (model, errorClass, status, code) => {
    const call = client.chat.completions.create({ model, messages });
    await expect(call).rejects.toBeInstanceOf(errorClass);
    await expect(call).rejects.toMatchObject({ status, code });
  });

  it('rejects a missing or wrong API key with 401', async () => {
    const anonymous = new OpenAI({ baseURL: server.url, apiKey: 'sk-other', maxRetries: 0 });
    await expect(
      anonymous.chat.completions.create({ model: 'gpt-4o-mini', messages }),
    ).rejects.toBeInstanceOf(OpenAI.AuthenticationError);
    const res = await request(`${server.url}/models`);
    expect(res.statusCode).toBe(401);
    expect(((await res.body.json()) as { error: { message: string } }).error.message).toMatch(
      /^You didn't provide an API key/,
    );
  });

  it('validates bodies like OpenAI', async () => {
    const call = client.chat.completions.create({ model: 'gpt-4o-mini', messages, temperature: 3 });
    await expect(call).rejects.toMatchObject({
      status: 400,
      param: 'temperature',
      code: 'decimal_above_max_value',
    });
  });

  it('answers an unknown path with an OpenAI-shaped 404', async () => {
    const res = await request(`${server.url}/chat/complete`, {
      method: 'POST',
      headers: { authorization: 'Bearer sk-fake' },
      body: '{}',
    });
    expect(res.statusCode).toBe(404);
    expect(await res.body.json()).toEqual({
      error: {
        message: 'Invalid URL (POST /v1/chat/complete)',
        type: 'invalid_request_error',
        param: null,
        code: null,
      },
    });
  });

  it('stream-error: chunks, then an error event the SDK raises', async () => {
    const stream = await client.chat.completions.create({
      model: 'stream-error',
      messages,
      stream: true,
    });
    const seen: string[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
      })(),
    ).rejects.toThrow(/The server had an error/);
    expect(seen).toEqual(['', 'Echo: ']);
  });

  it('slow-stream paces its chunks 200 ms apart', async () => {
    const started = Date.now();
    const stream = await client.chat.completions.create({
      model: 'slow-stream',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const arrivals: number[] = [];
    for await (const _chunk of stream) arrivals.push(Date.now() - started);
    // role, "Echo: ", "hi", finish: three gaps
    expect(arrivals).toHaveLength(4);
    expect(arrivals[3] - arrivals[0]).toBeGreaterThanOrEqual(3 * 190);
  });

  it('hang never answers; the client gives up, and the server records the abort', async () => {
    const call = client.chat.completions.create({ model: 'hang', messages }, { timeout: 300 });
    await expect(call).rejects.toBeInstanceOf(OpenAI.APIConnectionError); // its timeout subclass, outside jest
    await expect(server.requests[0].outcome).resolves.toBe('aborted');
  });
});

describe('fake server helpers', () => {
  it('countFakeTokens counts whitespace-separated words', () => {
    expect(countFakeTokens('')).toBe(0);
    expect(countFakeTokens('  one\ttwo\nthree  ')).toBe(3);
  });

  it('fakeEmbeddingFor is deterministic, sized, and exact in float32', () => {
    const v = fakeEmbeddingFor('abc', 32);
    expect(v).toHaveLength(32);
    expect(fakeEmbeddingFor('abc', 32)).toEqual(v);
    expect(fakeEmbeddingFor('abd', 32)).not.toEqual(v);
    expect(
      v.every((x) => Math.fround(x) === x && Number.isInteger(x * 64) && Math.abs(x) <= 1),
    ).toBe(true);
  });

  it('listens on the port it was given, and stops', async () => {
    const first = await startFakeOpenAIServer();
    const port = first.port;
    await first.close();
    const second = await startFakeOpenAIServer({ port });
    expect(second.url).toBe(`http://127.0.0.1:${port}/v1`);
    await second.close();
    await expect(request(`${second.url}/models`)).rejects.toMatchObject({ code: 'ECONNREFUSED' });
  });
});
