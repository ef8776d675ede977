import { createHash } from 'node:crypto';
import { API_KEY_PATTERN, generateApiKey } from './api-key.format';

describe('generateApiKey', () => {
  it('makes llmgw- plus 32 random bytes in base64url', () => {
    const { key } = generateApiKey();
    expect(key).toMatch(API_KEY_PATTERN);
    expect(Buffer.from(key.slice('llmgw-'.length), 'base64url')).toHaveLength(32);
  });

  it('keeps the first 12 characters as the prefix and the SHA-256 hex of the whole key as the hash', () => {
    const { key, prefix, hash } = generateApiKey();
    expect(prefix).toBe(key.slice(0, 12));
    expect(prefix.startsWith('llmgw-')).toBe(true);
    expect(hash).toBe(createHash('sha256').update(key).digest('hex'));
    expect(hash).toMatch(/^[0-9a-f]{64}$/);
  });

  it('never repeats a key', () => {
    const keys = new Set(Array.from({ length: 1000 }, () => generateApiKey().key));
    expect(keys.size).toBe(1000);
  });
});
