import { createParser } from 'eventsource-parser';

/** One server-sent event. `event` is undefined when the server sent none (OpenAI never does). */
export interface SseEvent {
  event?: string;
  id?: string;
  data: string;
}

export interface SseParseOptions {
  /** Called for `: comment` lines (keep-alives). */
  onComment?: (comment: string) => void;
  /** Upper bound on one buffered event, in characters. Default 16 Mi. */
  maxBufferSize?: number;
}

const DEFAULT_MAX_BUFFER = 16 * 1024 * 1024;

/**
 * Server-sent events from a byte stream (an undici body or any `AsyncIterable<Uint8Array>`),
 * parsed by `eventsource-parser`. Events may be split anywhere across chunks, including inside
 * a multi-byte UTF-8 character. An unterminated event at the end of the stream is dropped, as
 * the SSE spec says. Ending the iteration early ends the iteration of `body` (which, for an
 * undici body, closes the connection).
 */
export async function* parseSseStream(
  body: AsyncIterable<Uint8Array | string>,
  options: SseParseOptions = {},
): AsyncGenerator<SseEvent> {
  const pending: SseEvent[] = [];
  let failure: Error | undefined;
  const parser = createParser({
    onEvent: ({ event, id, data }) => pending.push({ event, id, data }),
    onComment: options.onComment,
    onError: (err) => {
      // Unknown fields and bad `retry` values are ignored, as the spec says; an event larger
      // than the buffer limit is not something we can recover from.
      if (err.type === 'max-buffer-size-exceeded')
        failure = new Error(`SSE stream: ${err.message}`);
    },
    maxBufferSize: options.maxBufferSize ?? DEFAULT_MAX_BUFFER,
  });
  const decoder = new TextDecoder();
  for await (const chunk of body) {
    parser.feed(typeof chunk === 'string' ? chunk : decoder.decode(chunk, { stream: true }));
    if (failure) throw failure;
    yield* pending.splice(0);
  }
  parser.feed(decoder.decode());
  yield* pending.splice(0);
}

/** `data: ...\n\n` for a JSON value or a preformatted string (multi-line strings are split into data lines). */
export function encodeSseEvent(data: unknown, event?: string): string {
  const text = typeof data === 'string' ? data : JSON.stringify(data);
  const lines = text.split(/\r\n|\r|\n/).map((line) => `data: ${line}\n`);
  return `${event ? `event: ${event}\n` : ''}${lines.join('')}\n`;
}

/** OpenAI's stream terminator. */
export const SSE_DONE = 'data: [DONE]\n\n';

/** A keep-alive comment line, ignored by every SSE client. */
export function encodeSseComment(comment = ''): string {
  return `: ${comment.replace(/\r\n|\r|\n/g, ' ')}\n\n`;
}
