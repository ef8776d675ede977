// OpenAI wire shapes (the internal lingua franca) and edge validation.
export * from './openai-api/openai.types';
export {
  parseChatCompletionRequest,
  parseCompletionRequest,
  parseEmbeddingsRequest,
} from './openai-api/openai.validate';
export type { ParseResult } from './openai-api/openai.validate';
export { contentText } from './openai-api/openai.content';
export {
  decodeEmbeddingBase64,
  encodeEmbeddingBase64,
  toBase64EmbeddingsResponse,
} from './openai-api/embedding-base64';

// The adapter contract and its building blocks.
export type { CallContext, ProviderAdapter, ProviderTarget } from './core/provider-adapter';
export { ProviderError, isProviderError, toProviderError } from './core/provider-error';
export type { ProviderErrorKind, ProviderErrorOptions } from './core/provider-error';
export { ProviderRegistry, createDefaultRegistry } from './core/provider-registry';
export type { DefaultRegistryOptions } from './core/provider-registry';
export { GATEWAY_ONLY_PARAMS, mapParams } from './core/param-map';
export type { ParamRule, ParamSpec } from './core/param-map';
export { SSE_DONE, encodeSseComment, encodeSseEvent, parseSseStream } from './core/sse';
export type { SseEvent, SseParseOptions } from './core/sse';
export {
  closeSharedHttpAgent,
  createHttpAgent,
  postJson,
  sharedHttpAgent,
} from './core/http-client';
export type { HttpAgentOptions, HttpResponse, PostJsonRequest } from './core/http-client';
export { estimateInputTokens, estimateTokens, normalizeUsage } from './core/usage';

// Adapters.
export { OpenAICompatibleAdapter } from './openai-compatible/openai-compatible.adapter';
export type { OpenAICompatibleAdapterOptions } from './openai-compatible/openai-compatible.adapter';
export {
  LITELLM,
  OPENAI,
  OPENAI_COMPATIBLE,
  VLLM,
} from './openai-compatible/openai-compatible.config';
export type { OpenAICompatibleConfig } from './openai-compatible/openai-compatible.config';
export { DemoAdapter } from './demo/demo.adapter';
export { DEMO_EMBEDDING_DIMENSIONS, demoEmbedding } from './demo/demo.answer';
