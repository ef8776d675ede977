import { estimateInputTokens, estimateTokens, normalizeUsage } from './usage';

describe('normalizeUsage', () => {
  it('fills the total and the cached / reasoning counts', () => {
    expect(normalizeUsage({ prompt_tokens: 10, completion_tokens: 5 })).toEqual({
      prompt_tokens: 10,
      completion_tokens: 5,
      total_tokens: 15,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });

  it('keeps the numbers the upstream reported, detail fields included', () => {
    const usage = {
      prompt_tokens: 2006,
      completion_tokens: 300,
      total_tokens: 2306,
      prompt_tokens_details: { cached_tokens: 1920, audio_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 192, accepted_prediction_tokens: 0 },
    };
    expect(normalizeUsage(usage)).toEqual(usage);
  });

  it('treats missing, null or nonsense values as 0', () => {
    expect(normalizeUsage(null)).toMatchObject({
      prompt_tokens: 0,
      completion_tokens: 0,
      total_tokens: 0,
    });
    expect(
      normalizeUsage({
        prompt_tokens: -3,
        completion_tokens: Number.NaN,
        prompt_tokens_details: null,
        completion_tokens_details: null,
      }),
    ).toMatchObject({
      prompt_tokens: 0,
      completion_tokens: 0,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
  });
});

describe('estimateTokens', () => {
  it.each([
    ['', 0],
    ['a', 1],
    ['abcd', 1],
    ['abcde', 2],
    ['Hello, world!', 4],
  ])('%p -> %d', (text, tokens) => {
    expect(estimateTokens(text)).toBe(tokens);
  });

  it('counts token arrays exactly and estimates text inputs', () => {
    expect(estimateInputTokens([1, 2, 3])).toBe(3);
    expect(estimateInputTokens([[1, 2], [3]])).toBe(3);
    expect(estimateInputTokens(['abcd', 'abcde'])).toBe(3);
    expect(estimateInputTokens('abcdefgh')).toBe(2);
  });
});
