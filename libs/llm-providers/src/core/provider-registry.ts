import type { Dispatcher } from 'undici';
import { DemoAdapter } from '../demo/demo.adapter';
import { OpenAICompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import {
  LITELLM,
  OPENAI,
  OPENAI_COMPATIBLE,
  VLLM,
} from '../openai-compatible/openai-compatible.config';
import type { ProviderAdapter } from './provider-adapter';

/** Provider kind -> adapter. */
export class ProviderRegistry {
  private readonly adapters = new Map<string, ProviderAdapter>();

  register(adapter: ProviderAdapter): this {
    if (this.adapters.has(adapter.kind)) {
      throw new Error(`A provider adapter of kind '${adapter.kind}' is already registered.`);
    }
    this.adapters.set(adapter.kind, adapter);
    return this;
  }

  get(kind: string): ProviderAdapter | undefined {
    return this.adapters.get(kind);
  }

  /** The adapter for `kind`; throws if none (a configuration naming an unknown kind). */
  require(kind: string): ProviderAdapter {
    const adapter = this.adapters.get(kind);
    if (!adapter) {
      throw new Error(
        `No provider adapter for kind '${kind}'. Known kinds: ${this.kinds().join(', ')}.`,
      );
    }
    return adapter;
  }

  has(kind: string): boolean {
    return this.adapters.has(kind);
  }

  kinds(): string[] {
    return [...this.adapters.keys()];
  }
}

export interface DefaultRegistryOptions {
  /** Connection pool for network adapters; default: the shared agent. */
  dispatcher?: Dispatcher;
}

/** Every built-in provider. Adding one is one folder plus one line here. */
export function createDefaultRegistry(options: DefaultRegistryOptions = {}): ProviderRegistry {
  return new ProviderRegistry()
    .register(new OpenAICompatibleAdapter(OPENAI, options))
    .register(new OpenAICompatibleAdapter(OPENAI_COMPATIBLE, options))
    .register(new OpenAICompatibleAdapter(LITELLM, options))
    .register(new OpenAICompatibleAdapter(VLLM, options))
    .register(new DemoAdapter());
}
