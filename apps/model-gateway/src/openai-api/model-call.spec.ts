import { ProviderError } from '@llmgw/llm-providers';
import { callWithRetries } from './model-call';

describe('callWithRetries', () => {
  const signal = new AbortController().signal;

  it('retries a retryable provider error, then succeeds', async () => {
    let calls = 0;
    const result = await callWithRetries(async () => {
      calls++;
      if (calls < 3) throw new ProviderError('upstream', 'boom', { retryAfterMs: 1 });
      return 'ok';
    }, 2, signal);
    expect(result).toBe('ok');
    expect(calls).toBe(3);
  });

  it('gives up after the allowed retries with the last error', async () => {
    let calls = 0;
    await expect(
      callWithRetries(async () => {
        calls++;
        throw new ProviderError('rate_limited', `busy ${calls}`, { retryAfterMs: 1 });
      }, 1, signal),
    ).rejects.toThrow('busy 2');
    expect(calls).toBe(2);
  });

  it('does not retry a caller error', async () => {
    let calls = 0;
    await expect(
      callWithRetries(async () => {
        calls++;
        throw new ProviderError('bad_request', 'bad');
      }, 3, signal),
    ).rejects.toThrow('bad');
    expect(calls).toBe(1);
  });

  it('stops retrying once the client went away', async () => {
    const controller = new AbortController();
    let calls = 0;
    const pending = callWithRetries(async () => {
      calls++;
      controller.abort();
      throw new ProviderError('upstream', 'down');
    }, 3, controller.signal);
    await expect(pending).rejects.toThrow('down');
    expect(calls).toBe(1);
  });
});
