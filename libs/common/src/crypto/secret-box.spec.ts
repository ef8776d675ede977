import { randomBytes } from 'node:crypto';
import { SecretBox, sha256Hex } from './secret-box';

describe('SecretBox', () => {
  const key = randomBytes(32).toString('base64');

  it('opens what it sealed, and seals the same text differently each time', () => {
    const box = new SecretBox(key);
    const a = box.seal('sk-secret');
    const b = box.seal('sk-secret');
    expect(a).not.toEqual(b);
    expect(a).not.toContain('sk-secret');
    expect(box.open(a)).toBe('sk-secret');
    expect(box.open(b)).toBe('sk-secret');
  });

  it('refuses a tampered value and a value sealed with another key', () => {
    const box = new SecretBox(key);
    const sealed = box.seal('sk-secret');
    const parts = sealed.split('.');
    parts[3] = Buffer.from('sk-sekret').toString('base64url');
    expect(() => box.open(parts.join('.'))).toThrow();
    expect(() => new SecretBox(randomBytes(32).toString('base64')).open(sealed)).toThrow();
  });

  it('needs a 32-byte key', () => {
    expect(() => new SecretBox(randomBytes(16).toString('base64'))).toThrow('32-byte');
  });

  it('hashes keys as hex SHA-256', () => {
    expect(sha256Hex('abc')).toBe('ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad');
  });
});
