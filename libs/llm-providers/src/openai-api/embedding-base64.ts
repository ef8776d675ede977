import type { Base64EmbeddingsResponse, EmbeddingsResponse } from './openai.types';

/**
 * OpenAI's `encoding_format: 'base64'`: the vector's float32 values, little-endian, base64.
 * Exactly what the official `openai` SDK decodes. Values are rounded to float32.
 */
export function encodeEmbeddingBase64(vector: readonly number[]): string {
  const bytes = Buffer.alloc(vector.length * 4);
  vector.forEach((value, i) => bytes.writeFloatLE(value, i * 4));
  return bytes.toString('base64');
}

export function decodeEmbeddingBase64(encoded: string): number[] {
  const bytes = Buffer.from(encoded, 'base64');
  if (bytes.length % 4 !== 0) {
    throw new Error(
      `Invalid base64 embedding: ${bytes.length} bytes is not a whole number of float32 values.`,
    );
  }
  const vector = new Array<number>(bytes.length / 4);
  for (let i = 0; i < vector.length; i++) vector[i] = bytes.readFloatLE(i * 4);
  return vector;
}

/** The wire response for a caller that asked for base64 (adapters always return floats). */
export function toBase64EmbeddingsResponse(res: EmbeddingsResponse): Base64EmbeddingsResponse {
  return {
    ...res,
    data: res.data.map((item) => ({ ...item, embedding: encodeEmbeddingBase64(item.embedding) })),
  };
}
