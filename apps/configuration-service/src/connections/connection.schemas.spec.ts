import { ServiceException } from '@llmgw/common/exception-filter';
import { JoiValidationPipe } from '../shared/joi-validation.pipe';
import { createConnectionSchema, updateConnectionSchema } from './connection.schemas';

const fieldsOf = (run: () => unknown): string[] => {
  try {
    run();
  } catch (error) {
    return ((error as ServiceException).details as { fields: { field: string }[] }).fields.map((f) => f.field);
  }
  throw new Error('expected a validation error');
};

describe('connection schemas', () => {
  const create = new JoiValidationPipe(createConnectionSchema);
  const update = new JoiValidationPipe(updateConnectionSchema);

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
    expect(fieldsOf(() => create.transform({ name: 'vllm', provider: 'vllm' }))).toEqual(['baseUrl']);
    expect(fieldsOf(() => create.transform({ name: 'vllm', provider: 'vllm', baseUrl: null }))).toEqual(['baseUrl']);
  });

  it('names every bad field at once', () => {
    expect(fieldsOf(() => create.transform({ name: '', provider: 'bedrock', baseUrl: 'ftp://x', apiKey: 42, extra: 1 })).sort()).toEqual(
      ['apiKey', 'baseUrl', 'extra', 'name', 'provider'],
    );
  });

  it('explains what a provider may be', () => {
    expect(() => create.transform({ name: 'x', provider: 'bedrock', baseUrl: 'http://x' })).toThrow(
      '"provider" must be one of openai, openai-compatible, litellm, vllm, demo',
    );
  });

  it('refuses a body that is not an object', () => {
    expect(fieldsOf(() => create.transform([1, 2]))).toEqual(['body']);
    expect(fieldsOf(() => create.transform(undefined)).sort()).toEqual(['name', 'provider']);
    expect(fieldsOf(() => create.transform({ name: 'x', provider: 'bedrock' }))).toEqual(['provider']);
  });

  it('takes partial updates, null clearing the key, and refuses an empty one', () => {
    expect(update.transform({ apiKey: null })).toEqual({ apiKey: null });
    expect(update.transform({ baseUrl: 'http://10.0.0.1:8000/v1' })).toEqual({ baseUrl: 'http://10.0.0.1:8000/v1' });
    expect(() => update.transform({})).toThrow('Send at least one of');
    expect(fieldsOf(() => update.transform({ apiKey: '' }))).toEqual(['apiKey']);
  });
});
