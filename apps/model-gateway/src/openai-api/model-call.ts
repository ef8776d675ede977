import { isProviderError } from '@llmgw/llm-providers';

const sleep = (ms: number, signal: AbortSignal) =>
  new Promise<void>((resolve) => {
    const timer = setTimeout(resolve, ms);
    signal.addEventListener('abort', () => {
      clearTimeout(timer);
      resolve();
    }, { once: true });
  });

/**
 * Calls the upstream, retrying a retryable failure (429, 5xx, timeout, connection) with
 * exponential backoff and jitter, honouring `retry-after`. Only ever used before the first byte
 * reaches the caller, so a retry is invisible to it.
 */
export async function callWithRetries<T>(call: () => Promise<T>, retries: number, signal: AbortSignal): Promise<T> {
  for (let attempt = 0; ; attempt++) {
    try {
      return await call();
    } catch (error) {
      if (!isProviderError(error) || !error.retryable || attempt >= retries || signal.aborted) throw error;
      const backoff = Math.min(250 * 2 ** attempt, 4000) * (0.5 + Math.random() / 2);
      await sleep(Math.min(Math.max(error.retryAfterMs ?? 0, backoff), 10_000), signal);
      if (signal.aborted) throw error;
    }
  }
}
