import { normalizeUsage } from '@llmgw/llm-providers';
import { costUsd, formatCost } from './usage-recorder.service';

describe('costUsd', () => {
  const prices = { inputCostPer1M: 2.5, outputCostPer1M: 10 };

  it('prices input and output tokens per million', () => {
    expect(costUsd(prices, normalizeUsage({ prompt_tokens: 1000, completion_tokens: 500 }))).toBe(0.0075);
    expect(costUsd(prices, normalizeUsage({ prompt_tokens: 1_000_000, completion_tokens: 1_000_000 }))).toBe(12.5);
  });

  it('keeps 8 decimals, as the usage tables do', () => {
    expect(costUsd({ inputCostPer1M: 0.15, outputCostPer1M: 0.6 }, normalizeUsage({ prompt_tokens: 7, completion_tokens: 3 }))).toBe(0.00000285);
    expect(formatCost(0.00000285)).toBe('0.00000285');
  });

  it('is zero without a deployment or without tokens', () => {
    expect(costUsd(undefined, normalizeUsage({ prompt_tokens: 10 }))).toBe(0);
    expect(costUsd(prices, normalizeUsage({}))).toBe(0);
  });
});
