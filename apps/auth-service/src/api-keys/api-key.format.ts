import { randomBytes } from 'node:crypto';
import { sha256Hex } from '@llmgw/common';

export const API_KEY_SCHEME = 'llmgw-';
/** How many leading characters of a key are stored and shown so a user can tell keys apart. */
export const API_KEY_PREFIX_LENGTH = 12;
/** `llmgw-` then 32 random bytes in base64url (43 characters, no padding). */
export const API_KEY_PATTERN = /^llmgw-[A-Za-z0-9_-]{43}$/;

export interface GeneratedApiKey {
  /** The whole key: shown to its owner once, never stored. */
  key: string;
  prefix: string;
  /** Hex SHA-256 of the whole key: what is stored and looked up. */
  hash: string;
}

export function generateApiKey(): GeneratedApiKey {
  const key = `${API_KEY_SCHEME}${randomBytes(32).toString('base64url')}`;
  return { key, prefix: key.slice(0, API_KEY_PREFIX_LENGTH), hash: sha256Hex(key) };
}
