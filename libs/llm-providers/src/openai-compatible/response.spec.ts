import floatFixture from './__fixtures__/embeddings-float.json';
import base64Fixture from './__fixtures__/embeddings-base64.json';
import chatFixture from './__fixtures__/chat-completion.json';
import toolCallFixture from './__fixtures__/chat-completion-tool-call.json';
import completionFixture from './__fixtures__/completion.json';
import {
  fromUpstreamChatCompletion,
  fromUpstreamCompletion,
  fromUpstreamEmbeddings,
} from './response';

describe('upstream responses', () => {
  it('keeps a chat completion as sent', () => {
    expect(fromUpstreamChatCompletion(chatFixture, 'openai')).toEqual(chatFixture);
  });

  it('normalises usage that lacks detail fields', () => {
    const res = fromUpstreamChatCompletion(toolCallFixture, 'openai');
    expect(res.choices[0].message.tool_calls?.[0].function.name).toBe('get_current_weather');
    expect(res.usage).toMatchObject({
      total_tokens: 99,
      prompt_tokens_details: { cached_tokens: 0 },
      completion_tokens_details: { reasoning_tokens: 0 },
    });
    const noTotal = fromUpstreamCompletion(
      { ...completionFixture, usage: { prompt_tokens: 5, completion_tokens: 7 } },
      'vllm',
    );
    expect(noTotal.usage?.total_tokens).toBe(12);
  });

  it('rejects a body without choices as malformed', () => {
    expect(() => fromUpstreamChatCompletion({ id: 'x' }, 'openai')).toThrow(
      "Provider 'openai' returned a malformed chat completion.",
    );
    expect(() => fromUpstreamCompletion([], 'openai')).toThrow(/malformed completion/);
  });

  it('returns float vectors for float and base64 upstream embeddings alike', () => {
    const fromFloat = fromUpstreamEmbeddings(floatFixture, 'x', 'openai');
    const fromBase64 = fromUpstreamEmbeddings(base64Fixture, 'x', 'openai');
    expect(fromFloat.data[0].embedding).toEqual(floatFixture.data[0].embedding);
    expect(fromBase64.data[0].embedding).toEqual(floatFixture.data[0].embedding.map(Math.fround));
    expect(fromFloat.usage).toEqual({ prompt_tokens: 8, total_tokens: 8 });
    expect(fromFloat.model).toBe('text-embedding-3-small');
  });

  it('estimates embeddings usage an upstream did not report', () => {
    const res = fromUpstreamEmbeddings(
      { data: [{ embedding: [0.5] }], model: 'm' },
      ['abcdefgh', 'abcd'],
      'openai-compatible',
    );
    expect(res.usage).toEqual({ prompt_tokens: 3, total_tokens: 3 });
    expect(res.data).toEqual([{ object: 'embedding', index: 0, embedding: [0.5] }]);
  });

  it('rejects embeddings that are neither numbers nor base64', () => {
    expect(() =>
      fromUpstreamEmbeddings({ data: [{ embedding: [1, 'x'] }] }, 'x', 'openai'),
    ).toThrow(/malformed embeddings/);
  });
});
