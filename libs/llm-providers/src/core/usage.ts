import type { EmbeddingsInput, NormalizedUsage, Usage } from '../openai-api/openai.types';

/**
 * Fills what an upstream left out so billing never reads `undefined`: a missing total is the
 * sum, missing cached/reasoning counts are 0. Other detail fields are kept as given.
 */
export function normalizeUsage(usage: Partial<Usage> | null | undefined): NormalizedUsage {
  const prompt = toCount(usage?.prompt_tokens);
  const completion = toCount(usage?.completion_tokens);
  return {
    ...usage,
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens:
      usage?.total_tokens === undefined ? prompt + completion : toCount(usage.total_tokens),
    prompt_tokens_details: {
      ...usage?.prompt_tokens_details,
      cached_tokens: toCount(usage?.prompt_tokens_details?.cached_tokens),
    },
    completion_tokens_details: {
      ...usage?.completion_tokens_details,
      reasoning_tokens: toCount(usage?.completion_tokens_details?.reasoning_tokens),
    },
  };
}

function toCount(value: unknown): number {
  return typeof value === 'number' && Number.isFinite(value) && value > 0 ? Math.round(value) : 0;
}

/**
 * A rough token count: one token per 4 characters, rounded up (OpenAI's rule of thumb for
 * English). For the demo provider and as a fallback when an upstream reports no usage.
 */
export function estimateTokens(text: string): number {
  return Math.ceil(text.length / 4);
}

/** Tokens in a prompt or embeddings input: token arrays count exactly, text is estimated. */
export function estimateInputTokens(input: EmbeddingsInput): number {
  if (typeof input === 'string') return estimateTokens(input);
  return (input as unknown[]).reduce<number>(
    (sum, item) =>
      sum +
      (typeof item === 'string' ? estimateTokens(item) : Array.isArray(item) ? item.length : 1),
    0,
  );
}
