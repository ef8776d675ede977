import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { SSE_DONE, encodeSseComment, encodeSseEvent, parseSseStream, type SseEvent } from './sse';

async function* bytes(...chunks: (string | Uint8Array)[]): AsyncGenerator<Uint8Array> {
  for (const chunk of chunks) yield typeof chunk === 'string' ? Buffer.from(chunk) : chunk;
}

async function parseAll(
  source: AsyncIterable<Uint8Array>,
  onComment?: (c: string) => void,
): Promise<SseEvent[]> {
  const events: SseEvent[] = [];
  for await (const event of parseSseStream(source, { onComment })) events.push(event);
  return events;
}

const fixture = readFileSync(join(__dirname, '../openai-compatible/__fixtures__/chat-stream.sse'));

describe('parseSseStream', () => {
  it('parses every event of a real OpenAI stream, [DONE] included', async () => {
    const events = await parseAll(bytes(fixture));
    expect(events).toHaveLength(7);
    expect(events.at(-1)).toEqual({ event: undefined, id: undefined, data: '[DONE]' });
    expect(JSON.parse(events[1].data).choices[0].delta.content).toBe('Hello');
  });

  it('gives the same events however the bytes are split, even inside a multi-byte character', async () => {
    const text = Buffer.from('data: {"content":"héllo 👋 wörld"}\n\ndata: second\n\n');
    const whole = await parseAll(bytes(text));
    expect(whole.map((e) => e.data)).toEqual(['{"content":"héllo 👋 wörld"}', 'second']);
    for (let at = 1; at < text.length; at++) {
      expect(await parseAll(bytes(text.subarray(0, at), text.subarray(at)))).toEqual(whole);
    }
    const oneByteAtATime = Array.from(text, (b) => Uint8Array.of(b));
    expect(await parseAll(bytes(...oneByteAtATime))).toEqual(whole);
  });

  it('splits the real fixture at every byte and still yields the same events', async () => {
    const whole = await parseAll(bytes(fixture));
    for (let at = 1; at < fixture.length; at += 7) {
      expect(await parseAll(bytes(fixture.subarray(0, at), fixture.subarray(at)))).toEqual(whole);
    }
  });

  it('skips keep-alive comments, reporting them to onComment', async () => {
    const comments: string[] = [];
    const events = await parseAll(
      bytes(': ping\n\n', 'data: a\n\n', ':OPENROUTER PROCESSING\n\n', 'data: b\n\n'),
      (c) => comments.push(c),
    );
    expect(events.map((e) => e.data)).toEqual(['a', 'b']);
    expect(comments).toEqual(['ping', 'OPENROUTER PROCESSING']);
  });

  it('handles CRLF line endings, event names, ids and multi-line data', async () => {
    const events = await parseAll(
      bytes('event: error\r\nid: 7\r\ndata: line one\r\ndata: line two\r\n\r\n'),
    );
    expect(events).toEqual([{ event: 'error', id: '7', data: 'line one\nline two' }]);
  });

  it('drops an event that never got its terminating blank line', async () => {
    expect((await parseAll(bytes('data: complete\n\ndata: cut off'))).map((e) => e.data)).toEqual([
      'complete',
    ]);
  });

  it('fails instead of buffering an oversized event forever', async () => {
    const source = parseSseStream(bytes(`data: ${'x'.repeat(100)}`), { maxBufferSize: 50 });
    await expect(source.next()).rejects.toThrow(/buffer/i);
  });

  it('stops reading the source when the consumer stops', async () => {
    let finished = false;
    async function* source(): AsyncGenerator<Uint8Array> {
      try {
        for (let i = 0; ; i++) yield Buffer.from(`data: ${i}\n\n`);
      } finally {
        finished = true;
      }
    }
    for await (const event of parseSseStream(source())) {
      if (event.data === '3') break;
    }
    expect(finished).toBe(true);
  });
});

describe('SSE encoding', () => {
  it('encodes JSON and strings as data lines that parse back', async () => {
    const payload = { id: 'x', choices: [{ delta: { content: 'a\nb' } }] };
    const wire =
      encodeSseEvent(payload) +
      encodeSseComment('keep-alive') +
      encodeSseEvent('two\nlines', 'note') +
      SSE_DONE;
    expect(encodeSseEvent(payload)).toBe(`data: ${JSON.stringify(payload)}\n\n`);
    const events = await parseAll(bytes(wire));
    expect(events.map(({ event, data }) => ({ event, data }))).toEqual([
      { event: undefined, data: JSON.stringify(payload) },
      { event: 'note', data: 'two\nlines' },
      { event: undefined, data: '[DONE]' },
    ]);
  });

  it('keeps a comment on one line', () => {
    expect(encodeSseComment('a\nb')).toBe(': a b\n\n');
  });
});
