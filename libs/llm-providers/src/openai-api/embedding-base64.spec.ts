import floatFixture from '../openai-compatible/__fixtures__/embeddings-float.json';
import base64Fixture from '../openai-compatible/__fixtures__/embeddings-base64.json';
import {
  decodeEmbeddingBase64,
  encodeEmbeddingBase64,
  toBase64EmbeddingsResponse,
} from './embedding-base64';

describe('base64 embeddings', () => {
  it('round-trips float32 values exactly', () => {
    const vector = [0, 1, -1, 0.5, Math.fround(0.1), Math.fround(-123.456), 2 ** -20];
    expect(decodeEmbeddingBase64(encodeEmbeddingBase64(vector))).toEqual(vector);
  });

  it('rounds other doubles to float32, as OpenAI does', () => {
    expect(decodeEmbeddingBase64(encodeEmbeddingBase64([0.1]))).toEqual([Math.fround(0.1)]);
    expect(Math.fround(0.1)).not.toBe(0.1);
  });

  it('encodes little-endian float32', () => {
    expect(encodeEmbeddingBase64([1])).toBe(
      Buffer.from([0x00, 0x00, 0x80, 0x3f]).toString('base64'),
    );
    expect(encodeEmbeddingBase64([])).toBe('');
  });

  it("decodes OpenAI's base64 sample to the float sample's values", () => {
    const decoded = decodeEmbeddingBase64(base64Fixture.data[0].embedding);
    expect(decoded).toEqual(floatFixture.data[0].embedding.map(Math.fround));
  });

  it('rejects a string that is not whole float32 values', () => {
    expect(() => decodeEmbeddingBase64(Buffer.from([1, 2, 3]).toString('base64'))).toThrow(
      /float32/,
    );
  });

  it('turns a float response into the base64 wire response', () => {
    const res = toBase64EmbeddingsResponse({
      object: 'list',
      model: 'm',
      data: [{ object: 'embedding', index: 0, embedding: [0.25, -0.5] }],
      usage: { prompt_tokens: 1, total_tokens: 1 },
    });
    expect(res.data[0].embedding).toBe(encodeEmbeddingBase64([0.25, -0.5]));
    expect(res.usage).toEqual({ prompt_tokens: 1, total_tokens: 1 });
  });
});
