import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  CompletionChunk,
  CompletionRequest,
  CompletionResponse,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../openai-api/openai.types';

/** Where one deployment of a model lives. */
export interface ProviderTarget {
  /** Registry kind: 'openai' | 'openai-compatible' | 'litellm' | 'vllm' | 'demo'. */
  provider: string;
  /** Includes the `/v1` part, e.g. 'https://api.openai.com/v1'; null = the adapter's default (none for demo). */
  baseUrl: string | null;
  apiKey: string | null;
  upstreamModel: string;
}

export interface CallContext {
  /** Client disconnect or a gateway timeout aborts the upstream call. */
  signal: AbortSignal;
  /** Forwarded upstream as `x-request-id`. */
  requestId: string;
  /** Headers timeout for the upstream call (time to first byte of the response). */
  timeoutMs?: number;
}

/**
 * One provider protocol. Every method rejects with a `ProviderError`, and every stream iterator
 * throws one, never anything else.
 *
 * Streams: the promise resolves once the upstream accepted the request (2xx and headers), so
 * an upstream error before the first byte still rejects and the gateway can answer with a
 * proper status. Streams always end with a usage chunk when the upstream reports usage (the
 * adapter asks for it); the gateway forwards it only if the caller asked for
 * `stream_options.include_usage`. Breaking out of the iteration closes the upstream request.
 */
export interface ProviderAdapter {
  readonly kind: string;
  chat(
    req: ChatCompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<ChatCompletionResponse>;
  chatStream(
    req: ChatCompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<AsyncIterable<ChatCompletionChunk>>;
  completion(
    req: CompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<CompletionResponse>;
  completionStream(
    req: CompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<AsyncIterable<CompletionChunk>>;
  /** Always float vectors; the gateway base64-encodes if the caller asked. */
  embeddings(
    req: EmbeddingsRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<EmbeddingsResponse>;
}
