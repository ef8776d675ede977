import { randomBytes } from 'node:crypto';
import { Client } from 'pg';

const ADMIN_URL = process.env.TEST_PG_ADMIN_URL ?? 'postgres://postgres@127.0.0.1:5432/postgres';

export interface TestDatabase {
  url: string;
  name: string;
  drop(): Promise<void>;
}

/** A fresh PostgreSQL database for one test file; drop() removes it even with open connections. */
export async function createTestDatabase(label = 'test'): Promise<TestDatabase> {
  const name = `llmgw_${label.replace(/[^a-z0-9_]/gi, '_').toLowerCase()}_${randomBytes(4).toString('hex')}`;
  const admin = new Client({ connectionString: ADMIN_URL });
  await admin.connect();
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }
  const url = new URL(ADMIN_URL);
  url.pathname = `/${name}`;
  return {
    url: url.toString(),
    name,
    drop: async () => {
      const client = new Client({ connectionString: ADMIN_URL });
      await client.connect();
      try {
        await client.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
      } finally {
        await client.end();
      }
    },
  };
}

export interface TestRedisEnv {
  REDIS_URL: string;
  REDIS_KEY_PREFIX: string;
  BUS_NAMESPACE: string;
}

/**
 * Redis isolation for one test run: its own key prefix and transport namespace, so runs never see
 * each other's keys, streams or RPC answers (pub/sub ignores DB numbers).
 */
export function testRedisEnv(label = 'test'): TestRedisEnv {
  const id = `${label}-${randomBytes(4).toString('hex')}`;
  return {
    REDIS_URL: process.env.TEST_REDIS_URL ?? 'redis://127.0.0.1:6379/0',
    REDIS_KEY_PREFIX: `llmgw-test:${id}:`,
    BUS_NAMESPACE: `t.${id}.`,
  };
}

/** A base64 32-byte key for CONFIG_ENCRYPTION_KEY in tests. */
export const testEncryptionKey = (): string => randomBytes(32).toString('base64');
