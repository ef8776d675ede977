import { ProviderError } from '../core/provider-error';
import { estimateInputTokens, normalizeUsage } from '../core/usage';
import { decodeEmbeddingBase64 } from '../openai-api/embedding-base64';
import type {
  ChatCompletionResponse,
  CompletionResponse,
  Embedding,
  EmbeddingsInput,
  EmbeddingsResponse,
} from '../openai-api/openai.types';

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

export function malformed(provider: string, what: string): ProviderError {
  return new ProviderError('upstream', `Provider '${provider}' returned a malformed ${what}.`, {
    retryable: false,
    code: 'malformed_upstream_response',
  });
}

export function parseJsonBody(text: string, provider: string, what: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw malformed(provider, what);
  }
}

/** Upstream chat completion -> internal shape: kept as sent, usage normalised. */
export function fromUpstreamChatCompletion(
  json: unknown,
  provider: string,
): ChatCompletionResponse {
  if (!isObject(json) || !Array.isArray(json.choices)) throw malformed(provider, 'chat completion');
  const res = json as ChatCompletionResponse;
  return res.usage ? { ...res, usage: normalizeUsage(res.usage) } : res;
}

export function fromUpstreamCompletion(json: unknown, provider: string): CompletionResponse {
  if (!isObject(json) || !Array.isArray(json.choices)) throw malformed(provider, 'completion');
  const res = json as CompletionResponse;
  return res.usage ? { ...res, usage: normalizeUsage(res.usage) } : res;
}

/**
 * Upstream embeddings -> float vectors (base64 ones are decoded, in case a server ignores
 * `encoding_format`). Missing usage is estimated from the input so nothing is billed as 0.
 */
export function fromUpstreamEmbeddings(
  json: unknown,
  input: EmbeddingsInput,
  provider: string,
): EmbeddingsResponse {
  if (!isObject(json) || !Array.isArray(json.data))
    throw malformed(provider, 'embeddings response');
  const data: Embedding[] = json.data.map((item: unknown, i) => {
    if (!isObject(item)) throw malformed(provider, 'embeddings response');
    const raw = item.embedding;
    const embedding =
      typeof raw === 'string'
        ? decodeEmbeddingBase64(raw)
        : Array.isArray(raw) && raw.every((v) => typeof v === 'number')
          ? (raw as number[])
          : undefined;
    if (!embedding) throw malformed(provider, 'embeddings response');
    return {
      object: 'embedding',
      index: typeof item.index === 'number' ? item.index : i,
      embedding,
    };
  });
  const usage = isObject(json.usage) ? json.usage : {};
  const prompt =
    typeof usage.prompt_tokens === 'number' ? usage.prompt_tokens : estimateInputTokens(input);
  return {
    ...json,
    object: 'list',
    data,
    model: typeof json.model === 'string' ? json.model : '',
    usage: {
      prompt_tokens: prompt,
      total_tokens: typeof usage.total_tokens === 'number' ? usage.total_tokens : prompt,
    },
  };
}
