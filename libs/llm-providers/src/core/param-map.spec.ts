import { mapParams } from './param-map';
import { ProviderError } from './provider-error';

describe('mapParams', () => {
  it('passes every parameter through for a same-protocol upstream, minus gateway-only fields', () => {
    const body = {
      model: 'm',
      messages: [],
      temperature: 0.2,
      top_k: 40,
      drop_params: true,
      absent: undefined,
    };
    expect(mapParams(body, { supported: '*' }, 'vllm')).toEqual({
      model: 'm',
      messages: [],
      temperature: 0.2,
      top_k: 40,
    });
  });

  it('renames and transforms as the rules say; an explicit target parameter wins over a renamed one', () => {
    const spec = {
      supported: '*' as const,
      rules: {
        max_tokens: { to: 'max_completion_tokens' },
        stop: { transform: (v: unknown) => (typeof v === 'string' ? [v] : v) },
      },
    };
    expect(mapParams({ max_tokens: 50, stop: 'END' }, spec, 'p')).toEqual({
      max_completion_tokens: 50,
      stop: ['END'],
    });
    expect(mapParams({ max_tokens: 50, max_completion_tokens: 80 }, spec, 'p')).toEqual({
      max_completion_tokens: 80,
    });
  });

  it('rejects a parameter outside an explicit supported list with a clear 400', () => {
    const spec = { supported: ['model', 'messages', 'temperature'] };
    let err: unknown;
    try {
      mapParams({ model: 'm', messages: [], logit_bias: { 1: 2 } }, spec, 'anthropic');
    } catch (e) {
      err = e;
    }
    expect(err).toBeInstanceOf(ProviderError);
    expect(err).toMatchObject({
      kind: 'unsupported',
      status: 400,
      param: 'logit_bias',
      retryable: false,
    });
    expect((err as Error).message).toContain(
      "'logit_bias' is not supported by provider 'anthropic'",
    );
  });

  it("drops unsupported parameters when the caller sent 'drop_params': true", () => {
    const spec = { supported: ['model', 'messages'] };
    expect(
      mapParams({ model: 'm', messages: [], logit_bias: {}, drop_params: true }, spec, 'p'),
    ).toEqual({ model: 'm', messages: [] });
  });
});
