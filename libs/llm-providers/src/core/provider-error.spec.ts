import { request } from 'undici';
import { ProviderError, toProviderError, type ProviderErrorKind } from './provider-error';

describe('ProviderError', () => {
  it.each<[ProviderErrorKind, number, boolean]>([
    ['bad_request', 400, false],
    ['unsupported', 400, false],
    ['authentication', 502, false],
    ['permission', 502, false],
    ['not_found', 502, false],
    ['rate_limited', 429, true],
    ['upstream', 502, true],
    ['timeout', 504, true],
    ['connection', 502, true],
    ['cancelled', 499, false],
  ])('%s -> status %d, retryable %s', (kind, status, retryable) => {
    const err = new ProviderError(kind, 'x');
    expect({ status: err.status, retryable: err.retryable }).toEqual({ status, retryable });
  });

  it('serialises as an OpenAI error body', () => {
    const err = new ProviderError('bad_request', 'Too long.', {
      param: 'messages',
      code: 'context_length_exceeded',
    });
    expect(err.toOpenAIErrorBody()).toEqual({
      error: {
        message: 'Too long.',
        type: 'invalid_request_error',
        param: 'messages',
        code: 'context_length_exceeded',
      },
    });
    expect(new ProviderError('rate_limited', 'Slow down.').toOpenAIErrorBody().error).toMatchObject(
      { type: 'rate_limit_error', param: null, code: null },
    );
  });
});

describe('toProviderError', () => {
  it('keeps a ProviderError as it is', () => {
    const err = new ProviderError('bad_request', 'x');
    expect(toProviderError(err)).toBe(err);
  });

  it('an aborted signal means cancelled, or timeout when the reason is a TimeoutError', () => {
    const cancelled = new AbortController();
    cancelled.abort();
    expect(toProviderError(new Error('aborted'), cancelled.signal).kind).toBe('cancelled');
    const timedOut = new AbortController();
    timedOut.abort(new DOMException('The operation was aborted due to timeout', 'TimeoutError'));
    expect(toProviderError(new Error('aborted'), timedOut.signal)).toMatchObject({
      kind: 'timeout',
      status: 504,
    });
  });

  it('a refused connection is a retryable connection error', async () => {
    let err: unknown;
    try {
      await request('http://127.0.0.1:1/v1/chat/completions');
    } catch (e) {
      err = e;
    }
    expect(toProviderError(err, undefined, 'vllm')).toMatchObject({
      kind: 'connection',
      status: 502,
      retryable: true,
      code: 'ECONNREFUSED',
    });
  });

  it.each([
    ['UND_ERR_HEADERS_TIMEOUT', 'timeout'],
    ['UND_ERR_BODY_TIMEOUT', 'timeout'],
    ['UND_ERR_CONNECT_TIMEOUT', 'timeout'],
    ['ECONNRESET', 'connection'],
    ['ENOTFOUND', 'connection'],
    ['UND_ERR_SOCKET', 'connection'],
  ])('undici / socket error %s -> %s', (code, kind) => {
    expect(toProviderError(Object.assign(new Error('boom'), { code })).kind).toBe(kind);
  });

  it('looks inside the AggregateError of a multi-address connect', () => {
    const err = new AggregateError(
      [Object.assign(new Error('refused'), { code: 'ECONNREFUSED' })],
      'connect failed',
    );
    expect(toProviderError(err).kind).toBe('connection');
  });

  it('anything else is a non-retryable upstream error that keeps its cause', () => {
    const cause = new TypeError('weird');
    const err = toProviderError(cause, undefined, 'openai');
    expect(err).toMatchObject({ kind: 'upstream', status: 502, retryable: false });
    expect(err.cause).toBe(cause);
    expect(err.message).toContain('weird');
  });
});
