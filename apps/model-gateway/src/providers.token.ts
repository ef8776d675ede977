/** The provider registry (plain TypeScript adapters from @llmgw/llm-providers). */
export const PROVIDER_REGISTRY = Symbol('PROVIDER_REGISTRY');
