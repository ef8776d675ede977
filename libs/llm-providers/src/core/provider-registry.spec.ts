import { DemoAdapter } from '../demo/demo.adapter';
import { OpenAICompatibleAdapter } from '../openai-compatible/openai-compatible.adapter';
import { createDefaultRegistry, ProviderRegistry } from './provider-registry';

describe('ProviderRegistry', () => {
  it('registers every built-in provider kind', () => {
    const registry = createDefaultRegistry();
    expect(registry.kinds().sort()).toEqual([
      'demo',
      'litellm',
      'openai',
      'openai-compatible',
      'vllm',
    ]);
    for (const kind of ['openai', 'openai-compatible', 'litellm', 'vllm']) {
      expect(registry.require(kind)).toBeInstanceOf(OpenAICompatibleAdapter);
      expect(registry.require(kind).kind).toBe(kind);
    }
    expect(registry.require('demo')).toBeInstanceOf(DemoAdapter);
  });

  it('refuses a second adapter of the same kind', () => {
    const registry = new ProviderRegistry().register(new DemoAdapter());
    expect(() => registry.register(new DemoAdapter())).toThrow(
      "A provider adapter of kind 'demo' is already registered.",
    );
  });

  it('get() answers undefined and require() explains, for an unknown kind', () => {
    const registry = createDefaultRegistry();
    expect(registry.get('gemini')).toBeUndefined();
    expect(registry.has('gemini')).toBe(false);
    expect(() => registry.require('gemini')).toThrow(
      /No provider adapter for kind 'gemini'\. Known kinds: openai, /,
    );
  });
});
