import { ProviderError, toProviderError } from '../core/provider-error';
import { parseSseStream, type SseEvent } from '../core/sse';
import { normalizeUsage } from '../core/usage';
import type { ChatCompletionChunk, CompletionChunk, Usage } from '../openai-api/openai.types';
import { errorFromStreamEvent, parseUpstreamError } from './errors';

type StreamChunk = ChatCompletionChunk | CompletionChunk;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * State of one OpenAI-style stream: turns each SSE event into a chunk, throws a ProviderError
 * on an upstream `error` event, and knows whether the stream finished properly (`[DONE]` or a
 * finish_reason) when the bytes run out.
 */
export class OpenAIStreamParser<T extends StreamChunk> {
  private done = false;
  private finished = false;

  constructor(private readonly provider: string) {}

  /** The chunk carried by `event`, or null when there is nothing to forward. */
  push(event: SseEvent): T | null {
    if (this.done) return null;
    if (event.data.trim() === '[DONE]') {
      this.done = true;
      return null;
    }
    let json: unknown;
    try {
      json = JSON.parse(event.data);
    } catch {
      throw this.malformed();
    }
    if (!isObject(json)) throw this.malformed();
    if (event.event === 'error' || json.error !== undefined || json.object === 'error') {
      const details = parseUpstreamError(json) ?? {
        message: event.data,
        type: null,
        param: null,
        code: null,
      };
      throw errorFromStreamEvent(details, this.provider);
    }
    if (!Array.isArray(json.choices)) throw this.malformed();
    const chunk = json as T;
    if (chunk.choices.some((c) => c.finish_reason)) this.finished = true;
    return isObject(chunk.usage)
      ? { ...chunk, usage: normalizeUsage(chunk.usage as Usage) }
      : chunk;
  }

  /** Call when the upstream's bytes end; throws if the stream was cut short. */
  end(): void {
    if (this.done || this.finished) return;
    throw new ProviderError(
      'upstream',
      `Provider '${this.provider}' closed the stream before it finished.`,
      {
        code: 'stream_truncated',
      },
    );
  }

  private malformed(): ProviderError {
    return new ProviderError(
      'upstream',
      `Provider '${this.provider}' sent malformed stream data.`,
      {
        retryable: false,
        code: 'malformed_upstream_response',
      },
    );
  }
}

/**
 * Chunks from an upstream SSE body. Any failure (network, abort, upstream error event) is
 * thrown as a ProviderError; ending the iteration early closes the upstream request.
 */
export async function* readOpenAIStream<T extends StreamChunk>(
  body: AsyncIterable<Uint8Array>,
  provider: string,
  signal: AbortSignal,
): AsyncGenerator<T> {
  const parser = new OpenAIStreamParser<T>(provider);
  try {
    for await (const event of parseSseStream(body)) {
      const chunk = parser.push(event);
      if (chunk) yield chunk;
    }
    parser.end();
  } catch (err) {
    throw toProviderError(err, signal, provider);
  }
}
