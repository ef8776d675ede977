import { invalidFieldsOf } from '@llmgw/common/testing';
import { validate } from '@llmgw/common/validation';
import { createLlmSchema, updateLlmSchema } from './llm.schemas';

const valid = {
  name: 'gpt-4o',
  connectionId: '5b0c6d8e-7f41-4d6b-9a77-3f0b2f8f3a10',
  upstreamModel: 'gpt-4o-2024-08-06',
  inputCostPer1M: 2.5,
  outputCostPer1M: 10,
};

describe('llm schemas', () => {
  const create = validate(createLlmSchema);
  const update = validate(updateLlmSchema);

  it('accepts a model and enables it by default', () => {
    expect(create.transform(valid)).toEqual({ ...valid, enabled: true });
    expect(create.transform({ ...valid, enabled: false }).enabled).toBe(false);
  });

  it.each(['gpt-4o', 'ft:gpt-4o-mini:acme::AbC123', 'meta-llama/Llama-3.1-8B-Instruct', 'claude-3.5-sonnet@20240620', 'qwen2.5:7b', 'a_b+c'])(
    'accepts the model id %s',
    (name) => {
      expect(create.transform({ ...valid, name }).name).toBe(name);
    },
  );

  it.each(['my model', '-gpt', '/gpt', 'gpt?', 'gpt#1', ''])('refuses the model id %p, naming the field', (name) => {
    expect(invalidFieldsOf(() => create.transform({ ...valid, name }))).toEqual(['name']);
  });

  it('wants costs as non-negative numbers, not strings', () => {
    expect(invalidFieldsOf(() => create.transform({ ...valid, inputCostPer1M: -1 }))).toEqual(['inputCostPer1M']);
    expect(invalidFieldsOf(() => create.transform({ ...valid, outputCostPer1M: '3' }))).toEqual(['outputCostPer1M']);
    expect(create.transform({ ...valid, inputCostPer1M: 0, outputCostPer1M: 0.00000001 }).outputCostPer1M).toBe(0.00000001);
  });

  it('names missing fields and a connection id that is not a uuid', () => {
    expect(invalidFieldsOf(() => create.transform({})).sort()).toEqual(['connectionId', 'inputCostPer1M', 'name', 'outputCostPer1M', 'upstreamModel']);
    expect(invalidFieldsOf(() => create.transform({ ...valid, connectionId: 'abc' }))).toEqual(['connectionId']);
  });

  it('takes partial updates with strict types', () => {
    expect(update.transform({ enabled: false })).toEqual({ enabled: false });
    expect(invalidFieldsOf(() => update.transform({ enabled: 'no' }))).toEqual(['enabled']);
    expect(invalidFieldsOf(() => update.transform({ id: 'x' }))).toEqual(['id']);
  });
});
