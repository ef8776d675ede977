import type { ParamSpec } from '../core/param-map';

/** Everything that differs between OpenAI-compatible providers: they are pure configuration. */
export interface OpenAICompatibleConfig {
  /** Registry kind. */
  kind: string;
  /** Used when a target has no `baseUrl`; null = the target must give one. */
  defaultBaseUrl: string | null;
  /** Refuse to call without an API key (a clear configuration error instead of an upstream 401). */
  requiresApiKey: boolean;
  /** Parameter handling per endpoint. */
  params: { chat: ParamSpec; completion: ParamSpec; embeddings: ParamSpec };
}

/** Same protocol: every parameter passes through (gateway-only fields are still stripped). */
const PASS_THROUGH: ParamSpec = { supported: '*' };

export const OPENAI: OpenAICompatibleConfig = {
  kind: 'openai',
  defaultBaseUrl: 'https://api.openai.com/v1',
  requiresApiKey: true,
  params: {
    // OpenAI deprecated `max_tokens` for chat, and its reasoning models reject it.
    chat: { supported: '*', rules: { max_tokens: { to: 'max_completion_tokens' } } },
    completion: PASS_THROUGH,
    embeddings: PASS_THROUGH,
  },
};

/** Any server that speaks OpenAI's API (LM Studio, llama.cpp server, TGI, Ollama's /v1, ...). */
export const OPENAI_COMPATIBLE: OpenAICompatibleConfig = {
  kind: 'openai-compatible',
  defaultBaseUrl: null,
  requiresApiKey: false,
  params: { chat: PASS_THROUGH, completion: PASS_THROUGH, embeddings: PASS_THROUGH },
};

/** A LiteLLM proxy (`http://host:4000/v1`). */
export const LITELLM: OpenAICompatibleConfig = { ...OPENAI_COMPATIBLE, kind: 'litellm' };

/** vLLM's OpenAI server (`http://host:8000/v1`); accepts its extra sampling params (top_k, min_p, ...) as is. */
export const VLLM: OpenAICompatibleConfig = { ...OPENAI_COMPATIBLE, kind: 'vllm' };
