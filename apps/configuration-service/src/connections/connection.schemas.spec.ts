import { invalidFieldsOf } from '@llmgw/common/testing';
import { validate } from '@llmgw/common/validation';
import { createConnectionSchema, updateConnectionSchema } from './connection.schemas';

describe('connection schemas', () => {
  const create = validate(createConnectionSchema);
  const update = validate(updateConnectionSchema);

  it('accepts a connection with a base URL and key, trimming whitespace', () => {
    expect(create.transform({ name: ' openai ', provider: 'openai', baseUrl: 'https://api.openai.com/v1', apiKey: ' sk-1 ' })).toEqual({
      name: 'openai',
      provider: 'openai',
      baseUrl: 'https://api.openai.com/v1',
      apiKey: 'sk-1',
    });
  });

  it('lets only the demo provider go without a base URL', () => {
    expect(create.transform({ name: 'demo', provider: 'demo' })).toEqual({ name: 'demo', provider: 'demo' });
    expect(create.transform({ name: 'demo', provider: 'demo', baseUrl: null })).toEqual({ name: 'demo', provider: 'demo', baseUrl: null });
    expect(invalidFieldsOf(() => create.transform({ name: 'vllm', provider: 'vllm' }))).toEqual(['baseUrl']);
    expect(invalidFieldsOf(() => create.transform({ name: 'vllm', provider: 'vllm', baseUrl: null }))).toEqual(['baseUrl']);
  });

  it('names every bad field at once', () => {
    expect(invalidFieldsOf(() => create.transform({ name: '', provider: 'bedrock', baseUrl: 'ftp://x', apiKey: 42, extra: 1 })).sort()).toEqual(
      ['apiKey', 'baseUrl', 'extra', 'name', 'provider'],
    );
  });

  it('explains what a provider may be', () => {
    expect(() => create.transform({ name: 'x', provider: 'bedrock', baseUrl: 'http://x' })).toThrow(
      '"provider" must be one of openai, openai-compatible, litellm, vllm, demo',
    );
  });

  it('refuses a body that is not an object', () => {
    expect(invalidFieldsOf(() => create.transform([1, 2]))).toEqual(['body']);
    expect(invalidFieldsOf(() => create.transform(undefined)).sort()).toEqual(['name', 'provider']);
    expect(invalidFieldsOf(() => create.transform({ name: 'x', provider: 'bedrock' }))).toEqual(['provider']);
  });

  it('takes partial updates, null clearing the key, and refuses an empty one', () => {
    expect(update.transform({ apiKey: null })).toEqual({ apiKey: null });
    expect(update.transform({ baseUrl: 'http://10.0.0.1:8000/v1' })).toEqual({ baseUrl: 'http://10.0.0.1:8000/v1' });
    expect(() => update.transform({})).toThrow('Send at least one of');
    expect(invalidFieldsOf(() => update.transform({ apiKey: '' }))).toEqual(['apiKey']);
  });
});
