import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { errorFromUpstreamResponse, parseUpstreamError, retryAfterMs } from './errors';

const fixture = (name: string) => readFileSync(join(__dirname, '__fixtures__', name), 'utf8');

describe('errorFromUpstreamResponse', () => {
  it('400: the caller sees the upstream message, param and code (it is about their request)', () => {
    const err = errorFromUpstreamResponse(400, {}, fixture('error-400.json'), 'openai');
    expect(err).toMatchObject({
      kind: 'bad_request',
      status: 400,
      retryable: false,
      upstreamStatus: 400,
      param: 'messages',
      code: 'context_length_exceeded',
    });
    expect(err.message).toMatch(/^This model's maximum context length is 128000 tokens/);
  });

  it('401: 502 for the caller, the provider key is not theirs; the key hint stays out of the message', () => {
    const err = errorFromUpstreamResponse(401, {}, fixture('error-401.json'), 'openai');
    expect(err).toMatchObject({
      kind: 'authentication',
      status: 502,
      retryable: false,
      upstreamStatus: 401,
      code: 'provider_authentication_failed',
    });
    expect(err.message).toContain("Provider 'openai' rejected the gateway's credentials");
    expect(err.message).not.toContain('sk-proj');
    expect(err.upstreamMessage).toContain('Incorrect API key provided');
  });

  it('403: permission, 502', () => {
    const err = errorFromUpstreamResponse(
      403,
      {},
      '{"error":{"message":"Country, region, or territory not supported","type":"request_forbidden","param":null,"code":"unsupported_country_region_territory"}}',
      'openai',
    );
    expect(err).toMatchObject({
      kind: 'permission',
      status: 502,
      retryable: false,
      code: 'unsupported_country_region_territory',
    });
    expect(err.message).toContain('Country, region, or territory not supported');
  });

  it('404: the deployment points at a model the upstream lacks -> 502 not_found, with the upstream words', () => {
    const err = errorFromUpstreamResponse(404, {}, fixture('error-404.json'), 'openai');
    expect(err).toMatchObject({
      kind: 'not_found',
      status: 502,
      retryable: false,
      code: 'model_not_found',
    });
    expect(err.message).toContain('The model `gpt-9-ultra` does not exist');
  });

  it('429 rate limit: 429, retryable, with retry-after', () => {
    const err = errorFromUpstreamResponse(
      429,
      { 'retry-after': '20' },
      fixture('error-429.json'),
      'openai',
    );
    expect(err).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryable: true,
      code: 'rate_limit_exceeded',
      retryAfterMs: 20_000,
    });
    expect(err.message).toMatch(/^Rate limit reached for gpt-4o-mini/);
  });

  it('429 insufficient quota: not retryable, waiting will not help', () => {
    const err = errorFromUpstreamResponse(429, {}, fixture('error-429-quota.json'), 'openai');
    expect(err).toMatchObject({
      kind: 'rate_limited',
      status: 429,
      retryable: false,
      code: 'insufficient_quota',
    });
  });

  it.each([
    [500, 'error-500.json', 'The server had an error while processing your request'],
    [503, 'error-503.json', 'The engine is currently overloaded'],
  ])('%d: 502, retryable', (status, file, text) => {
    const err = errorFromUpstreamResponse(status, {}, fixture(file), 'openai');
    expect(err).toMatchObject({
      kind: 'upstream',
      status: 502,
      retryable: true,
      upstreamStatus: status,
    });
    expect(err.message).toBe(
      `Provider 'openai' failed with HTTP ${status}: ${text}${status === 500 ? '. Sorry about that!' : ', please try again later'}`,
    );
  });

  it("reads vLLM's error dialect", () => {
    const err = errorFromUpstreamResponse(400, {}, fixture('error-400-vllm.json'), 'vllm');
    expect(err).toMatchObject({ kind: 'bad_request', status: 400, code: '400' });
    expect(err.message).toMatch(/^This model's maximum context length is 4096 tokens/);
  });

  it('survives a body that is not JSON (a proxy error page)', () => {
    const err = errorFromUpstreamResponse(
      502,
      {},
      '<html><body>502 Bad Gateway</body></html>',
      'litellm',
    );
    expect(err).toMatchObject({ kind: 'upstream', status: 502, retryable: true });
    expect(err.message).toContain('502 Bad Gateway');
    expect(errorFromUpstreamResponse(500, {}, '', 'x').message).toBe(
      "Provider 'x' failed with HTTP 500: HTTP 500",
    );
  });

  it('other 4xx and 501 are not retryable; 408 is a timeout; 422 a bad request', () => {
    expect(errorFromUpstreamResponse(409, {}, '{}', 'x')).toMatchObject({
      kind: 'upstream',
      retryable: false,
    });
    expect(errorFromUpstreamResponse(501, {}, '{}', 'x')).toMatchObject({
      kind: 'upstream',
      retryable: false,
    });
    expect(errorFromUpstreamResponse(408, {}, '{}', 'x')).toMatchObject({
      kind: 'timeout',
      status: 504,
      retryable: true,
    });
    expect(
      errorFromUpstreamResponse(422, {}, '{"detail":[{"msg":"field required"}]}', 'x'),
    ).toMatchObject({ kind: 'bad_request', status: 400 });
  });
});

describe('parseUpstreamError', () => {
  it.each([
    [
      { error: { message: 'm', type: 't', param: 'p', code: 'c' } },
      { message: 'm', type: 't', param: 'p', code: 'c' },
    ],
    [{ error: 'plain text' }, { message: 'plain text', type: null, param: null, code: null }],
    [{ detail: 'Not Found' }, { message: 'Not Found', type: null, param: null, code: null }],
    [
      { message: 'x', code: 500 },
      { message: 'x', type: null, param: null, code: '500' },
    ],
  ])('%j', (body, expected) => {
    expect(parseUpstreamError(body)).toEqual(expected);
  });

  it('returns null for bodies that are not errors', () => {
    expect(parseUpstreamError('x')).toBeNull();
    expect(parseUpstreamError({ choices: [] })).toBeNull();
  });
});

describe('retryAfterMs', () => {
  it('prefers retry-after-ms, then seconds, then an HTTP date', () => {
    expect(retryAfterMs({ 'retry-after-ms': '150', 'retry-after': '3' })).toBe(150);
    expect(retryAfterMs({ 'retry-after': '3' })).toBe(3000);
    const inAMinute = new Date(Date.now() + 60_000).toUTCString();
    expect(retryAfterMs({ 'retry-after': inAMinute })).toBeGreaterThan(55_000);
    expect(retryAfterMs({})).toBeUndefined();
    expect(retryAfterMs({ 'retry-after': 'soon' })).toBeUndefined();
  });
});
