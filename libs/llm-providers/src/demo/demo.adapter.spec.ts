import type { CallContext, ProviderTarget } from '../core/provider-adapter';
import { decodeEmbeddingBase64, encodeEmbeddingBase64 } from '../openai-api/embedding-base64';
import type { ChatCompletionChunk, ChatCompletionRequest } from '../openai-api/openai.types';
import { DemoAdapter } from './demo.adapter';
import { DEMO_EMBEDDING_DIMENSIONS } from './demo.answer';

const demo = new DemoAdapter();
const target: ProviderTarget = {
  provider: 'demo',
  baseUrl: null,
  apiKey: null,
  upstreamModel: 'demo-model',
};
const ctx = (): CallContext => ({ signal: new AbortController().signal, requestId: 'req-7' });
const chat = (
  content: string,
  extra: Partial<ChatCompletionRequest> = {},
): ChatCompletionRequest => ({
  model: 'demo',
  messages: [
    { role: 'system', content: 'Be nice.' },
    { role: 'user', content: 'first question' },
    { role: 'assistant', content: 'first answer' },
    { role: 'user', content },
  ],
  ...extra,
});

describe('DemoAdapter', () => {
  it('answers with a canned sentence that quotes the last user message', async () => {
    const res = await demo.chat(chat('How do I reset my password?'), target, ctx());
    expect(res).toMatchObject({
      id: 'chatcmpl-demo-req-7',
      object: 'chat.completion',
      model: 'demo-model',
    });
    expect(res.choices[0].message.content).toBe(
      'This is the demo model of your LLM gateway. You said: "How do I reset my password?". Connect a provider in the admin UI to talk to a real model.',
    );
  });

  it('reads text parts, and shortens a long message', async () => {
    const parts = await demo.chat(
      chat('', {
        messages: [
          {
            role: 'user',
            content: [
              { type: 'text', text: 'from' },
              { type: 'text', text: 'parts' },
            ],
          },
        ],
      }),
      target,
      ctx(),
    );
    expect(parts.choices[0].message.content).toContain('You said: "from parts"');
    const long = await demo.chat(chat('word '.repeat(100)), target, ctx());
    expect(long.choices[0].message.content).toContain('…"');
    expect((long.choices[0].message.content ?? '').length).toBeLessThan(320);
  });

  it('is deterministic, and its usage is estimateTokens of prompt and answer', async () => {
    const a = await demo.chat(chat('same'), target, ctx());
    const b = await demo.chat(chat('same'), target, ctx());
    expect(b.choices).toEqual(a.choices);
    const prompt = Math.ceil('Be nice.\nfirst question\nfirst answer\nsame'.length / 4);
    const completion = Math.ceil((a.choices[0].message.content ?? '').length / 4);
    expect(a.usage).toEqual({
      prompt_tokens: prompt,
      completion_tokens: completion,
      total_tokens: prompt + completion,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('honours max_tokens (finish_reason length), stop and n', async () => {
    const cut = await demo.chat(chat('hi', { max_tokens: 3 }), target, ctx());
    expect(cut.choices[0]).toMatchObject({
      finish_reason: 'length',
      message: { content: 'This is the ' },
    });
    expect(cut.usage?.completion_tokens).toBe(3);
    const stopped = await demo.chat(chat('hi', { stop: ['demo'] }), target, ctx());
    expect(stopped.choices[0]).toMatchObject({
      finish_reason: 'stop',
      message: { content: 'This is the ' },
    });
    const three = await demo.chat(chat('hi', { n: 3 }), target, ctx());
    expect(three.choices.map((c) => c.index)).toEqual([0, 1, 2]);
    expect(three.usage?.completion_tokens).toBe(
      3 * Math.ceil((three.choices[0].message.content ?? '').length / 4),
    );
  });

  it('streams several chunks that add up to the answer, then usage', async () => {
    const whole = await demo.chat(chat('stream me'), target, ctx());
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of await demo.chatStream(chat('stream me'), target, ctx()))
      chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(5);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      whole.choices[0].message.content,
    );
    expect(chunks.at(-1)).toMatchObject({ choices: [], usage: whole.usage });
  });

  it('ignores tools when tool_choice is none, and refuses them otherwise', async () => {
    const tools: ChatCompletionRequest['tools'] = [{ type: 'function', function: { name: 'f' } }];
    await expect(
      demo.chat(chat('hi', { tools, tool_choice: 'none' }), target, ctx()),
    ).resolves.toMatchObject({ object: 'chat.completion' });
    await expect(demo.chat(chat('hi', { tools }), target, ctx())).rejects.toMatchObject({
      kind: 'unsupported',
      status: 400,
      param: 'tools',
    });
  });

  it('completes each prompt, with echo', async () => {
    const res = await demo.completion(
      { model: 'demo', prompt: ['One', 'Two'], echo: true },
      target,
      ctx(),
    );
    expect(res.choices.map((c) => c.text)).toEqual([
      'One This is the demo model of your LLM gateway. You wrote: "One". Connect a provider in the admin UI to talk to a real model.',
      'Two This is the demo model of your LLM gateway. You wrote: "Two". Connect a provider in the admin UI to talk to a real model.',
    ]);
    expect(res.usage?.prompt_tokens).toBe(2);
    let text = '';
    for await (const chunk of await demo.completionStream(
      { model: 'demo', prompt: 'One' },
      target,
      ctx(),
    ))
      text += chunk.choices[0]?.text ?? '';
    expect(text).toBe(
      (await demo.completion({ model: 'demo', prompt: 'One' }, target, ctx())).choices[0].text,
    );
  });

  describe('embeddings', () => {
    it('gives deterministic unit vectors of 256 dimensions by default', async () => {
      const res = await demo.embeddings(
        { model: 'demo', input: ['cat', 'dog', 'cat'] },
        target,
        ctx(),
      );
      const [cat, dog, cat2] = res.data.map((d) => d.embedding);
      expect(cat).toHaveLength(DEMO_EMBEDDING_DIMENSIONS);
      expect(cat2).toEqual(cat);
      expect(dog).not.toEqual(cat);
      const norm = Math.sqrt(cat.reduce((s, v) => s + v * v, 0));
      expect(norm).toBeCloseTo(1, 5);
      expect(res.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    });

    it('honours dimensions, embeds token arrays, and survives a base64 round trip exactly', async () => {
      const res = await demo.embeddings(
        { model: 'demo', input: [[1, 2, 3]], dimensions: 12 },
        target,
        ctx(),
      );
      const vector = res.data[0].embedding;
      expect(vector).toHaveLength(12);
      expect(decodeEmbeddingBase64(encodeEmbeddingBase64(vector))).toEqual(vector);
      expect(res.usage.prompt_tokens).toBe(3);
    });
  });

  it('rejects at once when the signal is already aborted', async () => {
    const controller = new AbortController();
    controller.abort();
    await expect(
      demo.embeddings({ model: 'demo', input: 'x' }, target, {
        signal: controller.signal,
        requestId: 'r',
      }),
    ).rejects.toMatchObject({ kind: 'cancelled', status: 499 });
  });
});
