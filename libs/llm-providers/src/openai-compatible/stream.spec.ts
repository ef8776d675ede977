import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { ProviderError } from '../core/provider-error';
import type { ChatCompletionChunk, CompletionChunk } from '../openai-api/openai.types';
import { OpenAIStreamParser, readOpenAIStream } from './stream';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name));

async function* bytes(...chunks: (string | Buffer)[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

async function read<T extends ChatCompletionChunk | CompletionChunk>(
  source: AsyncIterable<Uint8Array>,
): Promise<T[]> {
  const out: T[] = [];
  for await (const chunk of readOpenAIStream<T>(source, 'openai', new AbortController().signal))
    out.push(chunk);
  return out;
}

async function readError(
  source: AsyncIterable<Uint8Array>,
): Promise<{ error: ProviderError; before: number }> {
  let before = 0;
  try {
    for await (const _chunk of readOpenAIStream(source, 'openai', new AbortController().signal))
      before += 1;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return { error: err as ProviderError, before };
  }
  throw new Error('expected the stream to fail');
}

describe('readOpenAIStream', () => {
  it("yields OpenAI's chat stream: text, finish, then the usage chunk; unknown fields kept", async () => {
    const chunks = await read<ChatCompletionChunk>(bytes(fixture('chat-stream.sse')));
    expect(chunks).toHaveLength(6);
    expect(chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      'Hello! How can I assist you today?',
    );
    expect(chunks[4].choices[0].finish_reason).toBe('stop');
    expect(chunks[5].choices).toEqual([]);
    expect(chunks[5].usage).toMatchObject({
      prompt_tokens: 19,
      completion_tokens: 10,
      total_tokens: 29,
      prompt_tokens_details: { cached_tokens: 0 },
    });
    expect(chunks[1].obfuscation).toBe('Qz9d');
    expect(chunks[1].usage).toBeNull();
  });

  it('yields a streamed tool call whose argument pieces join into JSON', async () => {
    const chunks = await read<ChatCompletionChunk>(bytes(fixture('chat-stream-tool-call.sse')));
    const deltas = chunks.flatMap((c) => c.choices.flatMap((ch) => ch.delta.tool_calls ?? []));
    expect(deltas[0]).toMatchObject({
      index: 0,
      id: 'call_DdmO9pD3xa9XTPNJ32zg2hcA',
      function: { name: 'get_weather' },
    });
    expect(JSON.parse(deltas.map((d) => d.function?.arguments ?? '').join(''))).toEqual({
      location: 'Paris, France',
    });
    expect(chunks.at(-2)?.choices[0].finish_reason).toBe('tool_calls');
    expect(chunks.at(-1)?.usage?.total_tokens).toBe(80);
  });

  it('yields a legacy completions stream', async () => {
    const chunks = await read<CompletionChunk>(bytes(fixture('completion-stream.sse')));
    expect(chunks.map((c) => c.choices[0]?.text ?? '').join('')).toBe('This is indeed a test');
    expect(chunks.at(-1)?.usage).toMatchObject({
      prompt_tokens: 5,
      completion_tokens: 7,
      total_tokens: 12,
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('is indifferent to how the bytes are split, and skips keep-alive comments', async () => {
    const whole = fixture('chat-stream.sse');
    const expected = await read(bytes(whole));
    const withPings = whole.toString().replaceAll('\n\n', '\n\n: ping\n\n');
    expect(await read(bytes(withPings))).toEqual(expected);
    expect(
      await read(bytes(whole.subarray(0, 333), whole.subarray(333, 334), whole.subarray(334))),
    ).toEqual(expected);
    expect(await read(bytes(': OPENROUTER PROCESSING\n\n', whole))).toEqual(expected);
  });

  it('throws a ProviderError for an error event mid-stream, after the chunks before it', async () => {
    const { error, before } = await readError(bytes(fixture('chat-stream-error.sse')));
    expect(before).toBe(2);
    expect(error).toMatchObject({ kind: 'upstream' });
    expect(error.message).toContain('The server had an error while processing your request');
  });

  it('reads a mid-stream rate limit error as rate_limited', async () => {
    const { error } = await readError(
      bytes(
        'event: error\ndata: {"error":{"message":"Too many","type":"rate_limit_error","code":"rate_limit_exceeded"}}\n\n',
      ),
    );
    expect(error.kind).toBe('rate_limited');
  });

  it('throws when the stream is cut before [DONE] or a finish_reason', async () => {
    const first =
      fixture('chat-stream.sse').toString().split('\n\n').slice(0, 2).join('\n\n') + '\n\n';
    const { error, before } = await readError(bytes(first));
    expect(before).toBe(2);
    expect(error).toMatchObject({ kind: 'upstream', code: 'stream_truncated' });
  });

  it('accepts a stream that finished without [DONE] (some servers omit it)', async () => {
    const withoutDone = fixture('chat-stream.sse').toString().replace('data: [DONE]\n\n', '');
    expect(await read(bytes(withoutDone))).toHaveLength(6);
  });

  it('throws on malformed data', async () => {
    const { error } = await readError(bytes('data: {"choices": [\n\n'));
    expect(error).toMatchObject({
      kind: 'upstream',
      code: 'malformed_upstream_response',
      retryable: false,
    });
    expect((await readError(bytes('data: {"id":"x"}\n\n'))).error.code).toBe(
      'malformed_upstream_response',
    );
  });

  it('ignores anything after [DONE]', async () => {
    const parser = new OpenAIStreamParser<ChatCompletionChunk>('openai');
    expect(parser.push({ data: '[DONE]' })).toBeNull();
    expect(parser.push({ data: 'not json at all' })).toBeNull();
    expect(() => parser.end()).not.toThrow();
  });
});
