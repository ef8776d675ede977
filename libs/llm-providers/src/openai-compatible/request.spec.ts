import type { CallContext, ProviderTarget } from '../core/provider-adapter';
import type { ChatCompletionRequest } from '../openai-api/openai.types';
import { OPENAI, OPENAI_COMPATIBLE, VLLM } from './openai-compatible.config';
import {
  toUpstreamChatBody,
  toUpstreamCompletionBody,
  toUpstreamEmbeddingsBody,
  upstreamHeaders,
  upstreamUrl,
} from './request';

const target: ProviderTarget = {
  provider: 'vllm',
  baseUrl: 'http://vllm:8000/v1',
  apiKey: null,
  upstreamModel: 'meta-llama/Llama-3.1-8B-Instruct',
};
const ctx: CallContext = { signal: new AbortController().signal, requestId: 'req-1' };
const chat = (extra: Partial<ChatCompletionRequest> = {}): ChatCompletionRequest => ({
  model: 'llama',
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

describe('toUpstreamChatBody', () => {
  it("uses the deployment's upstream model and passes unknown parameters through", () => {
    const body = toUpstreamChatBody(
      chat({ temperature: 0.3, top_k: 20, repetition_penalty: 1.1 }),
      target,
      VLLM,
      false,
    );
    expect(body).toEqual({
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      messages: [{ role: 'user', content: 'hi' }],
      temperature: 0.3,
      top_k: 20,
      repetition_penalty: 1.1,
    });
  });

  it('always asks a stream for usage, keeping the other stream options', () => {
    const body = toUpstreamChatBody(
      chat({ stream: true, stream_options: { include_usage: false, include_obfuscation: false } }),
      target,
      VLLM,
      true,
    );
    expect(body.stream).toBe(true);
    expect(body.stream_options).toEqual({ include_usage: true, include_obfuscation: false });
    expect(toUpstreamChatBody(chat(), target, VLLM, true).stream_options).toEqual({
      include_usage: true,
    });
  });

  it('drops stream and stream_options from a non-stream call', () => {
    const body = toUpstreamChatBody(
      chat({ stream: true, stream_options: { include_usage: true } }),
      target,
      VLLM,
      false,
    );
    expect(body).not.toHaveProperty('stream');
    expect(body).not.toHaveProperty('stream_options');
  });

  it('strips gateway-only fields', () => {
    expect(
      toUpstreamChatBody(chat({ drop_params: true }), target, OPENAI_COMPATIBLE, false),
    ).not.toHaveProperty('drop_params');
  });

  it('sends OpenAI max_completion_tokens instead of the deprecated max_tokens; others get max_tokens as is', () => {
    expect(toUpstreamChatBody(chat({ max_tokens: 64 }), target, OPENAI, false)).toMatchObject({
      max_completion_tokens: 64,
    });
    expect(toUpstreamChatBody(chat({ max_tokens: 64 }), target, OPENAI, false)).not.toHaveProperty(
      'max_tokens',
    );
    expect(toUpstreamChatBody(chat({ max_tokens: 64 }), target, VLLM, false)).toMatchObject({
      max_tokens: 64,
    });
    expect(
      toUpstreamCompletionBody({ model: 'm', prompt: 'x', max_tokens: 64 }, target, OPENAI, false),
    ).toMatchObject({ max_tokens: 64 });
  });

  it('does not touch the caller request', () => {
    const req = chat({ stream: true, max_tokens: 5 });
    const copy = structuredClone(req);
    toUpstreamChatBody(req, target, OPENAI, true);
    expect(req).toEqual(copy);
  });
});

describe('toUpstreamEmbeddingsBody', () => {
  it('always asks for floats (the gateway encodes base64 itself)', () => {
    expect(
      toUpstreamEmbeddingsBody(
        { model: 'e', input: 'x', encoding_format: 'base64', dimensions: 64 },
        target,
        VLLM,
      ),
    ).toEqual({
      model: 'meta-llama/Llama-3.1-8B-Instruct',
      input: 'x',
      encoding_format: 'float',
      dimensions: 64,
    });
  });
});

describe('upstreamUrl', () => {
  it('joins base URL and path, whatever the trailing slashes', () => {
    expect(upstreamUrl(target, VLLM, 'chat/completions')).toBe(
      'http://vllm:8000/v1/chat/completions',
    );
    expect(upstreamUrl({ ...target, baseUrl: 'http://vllm:8000/v1//' }, VLLM, 'embeddings')).toBe(
      'http://vllm:8000/v1/embeddings',
    );
  });

  it("falls back to the provider's default base URL", () => {
    expect(upstreamUrl({ ...target, baseUrl: null }, OPENAI, 'chat/completions')).toBe(
      'https://api.openai.com/v1/chat/completions',
    );
  });

  it('explains a missing base URL', () => {
    expect(() =>
      upstreamUrl({ ...target, baseUrl: null }, OPENAI_COMPATIBLE, 'chat/completions'),
    ).toThrow(/has no base URL/);
  });
});

describe('upstreamHeaders', () => {
  it('sends the request id, the key as a bearer token, and the expected content type', () => {
    expect(upstreamHeaders({ ...target, apiKey: 'sk-1' }, VLLM, ctx, true)).toEqual({
      accept: 'text/event-stream',
      'x-request-id': 'req-1',
      authorization: 'Bearer sk-1',
    });
    expect(upstreamHeaders(target, VLLM, ctx, false)).toEqual({
      accept: 'application/json',
      'x-request-id': 'req-1',
    });
  });

  it('refuses to call OpenAI without a key (configuration error, 502)', () => {
    expect(() => upstreamHeaders(target, OPENAI, ctx, false)).toThrow(
      expect.objectContaining({ kind: 'authentication', status: 502 }),
    );
  });
});
