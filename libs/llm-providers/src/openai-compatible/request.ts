import { mapParams } from '../core/param-map';
import type { CallContext, ProviderTarget } from '../core/provider-adapter';
import { ProviderError } from '../core/provider-error';
import type {
  ChatCompletionRequest,
  CompletionRequest,
  EmbeddingsRequest,
} from '../openai-api/openai.types';
import type { OpenAICompatibleConfig } from './openai-compatible.config';

/**
 * Upstream chat body: parameters per the config's `ParamSpec`, `model` := the deployment's
 * upstream model. Streams always ask for usage (`stream_options.include_usage`) so the gateway
 * can bill, whatever the caller asked; non-streams drop `stream_options`, which OpenAI rejects
 * without `stream`.
 */
export function toUpstreamChatBody(
  req: ChatCompletionRequest,
  target: ProviderTarget,
  config: OpenAICompatibleConfig,
  stream: boolean,
): Record<string, unknown> {
  return withStreaming(mapParams(req, config.params.chat, config.kind), target, stream);
}

export function toUpstreamCompletionBody(
  req: CompletionRequest,
  target: ProviderTarget,
  config: OpenAICompatibleConfig,
  stream: boolean,
): Record<string, unknown> {
  return withStreaming(mapParams(req, config.params.completion, config.kind), target, stream);
}

/** Upstream embeddings body; always asks for floats (the gateway encodes base64 itself). */
export function toUpstreamEmbeddingsBody(
  req: EmbeddingsRequest,
  target: ProviderTarget,
  config: OpenAICompatibleConfig,
): Record<string, unknown> {
  return {
    ...mapParams(req, config.params.embeddings, config.kind),
    model: target.upstreamModel,
    encoding_format: 'float',
  };
}

function withStreaming(
  body: Record<string, unknown>,
  target: ProviderTarget,
  stream: boolean,
): Record<string, unknown> {
  const { stream: _stream, stream_options: streamOptions, ...rest } = body;
  if (!stream) return { ...rest, model: target.upstreamModel };
  const callerOptions =
    typeof streamOptions === 'object' && streamOptions !== null ? streamOptions : {};
  return {
    ...rest,
    model: target.upstreamModel,
    stream: true,
    stream_options: { ...callerOptions, include_usage: true },
  };
}

/** `<baseUrl>/<path>`, with the target's base URL or the config's default. */
export function upstreamUrl(
  target: ProviderTarget,
  config: OpenAICompatibleConfig,
  path: string,
): string {
  const base = target.baseUrl ?? config.defaultBaseUrl;
  if (!base) {
    throw new ProviderError(
      'upstream',
      `The provider connection for '${target.upstreamModel}' (${config.kind}) has no base URL. An administrator needs to set one.`,
      { retryable: false, code: 'provider_misconfigured' },
    );
  }
  return `${base.replace(/\/+$/, '')}/${path}`;
}

export function upstreamHeaders(
  target: ProviderTarget,
  config: OpenAICompatibleConfig,
  ctx: CallContext,
  stream: boolean,
): Record<string, string> {
  if (config.requiresApiKey && !target.apiKey) {
    throw new ProviderError(
      'authentication',
      `The provider connection for '${target.upstreamModel}' (${config.kind}) has no API key. An administrator needs to set one.`,
      { code: 'provider_misconfigured' },
    );
  }
  return {
    accept: stream ? 'text/event-stream' : 'application/json',
    'x-request-id': ctx.requestId,
    ...(target.apiKey ? { authorization: `Bearer ${target.apiKey}` } : {}),
  };
}
