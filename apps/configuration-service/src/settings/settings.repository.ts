import { Injectable } from '@nestjs/common';
import type { EntityManager } from 'typeorm';

/** The settings row that counts configuration changes; every gateway compares its snapshot to it. */
export const CONFIG_VERSION_KEY = 'config.version';

/**
 * The `settings` table (key text, value jsonb): small service-wide facts such as `config.version`
 * and one-time markers. Every method takes the EntityManager of the caller's transaction.
 */
@Injectable()
export class SettingsRepository {
  async getConfigVersion(em: EntityManager): Promise<number> {
    const rows: { version: string }[] = await em.query(
      `SELECT (value #>> '{}')::bigint AS version FROM settings WHERE key = $1`,
      [CONFIG_VERSION_KEY],
    );
    return rows.length > 0 ? Number(rows[0].version) : 1;
  }

  /**
   * Adds one to `config.version` and returns the new value. The row lock it takes is held until
   * the transaction ends, so concurrent changes commit in version order.
   */
  async incrementConfigVersion(em: EntityManager): Promise<number> {
    const rows: { version: string }[] = await em.query(
      `INSERT INTO settings (key, value) VALUES ($1, '2'::jsonb)
       ON CONFLICT (key) DO UPDATE
         SET value = to_jsonb((settings.value #>> '{}')::bigint + 1), updated_at = now()
       RETURNING (value #>> '{}')::bigint AS version`,
      [CONFIG_VERSION_KEY],
    );
    return Number(rows[0].version);
  }

  async has(em: EntityManager, key: string): Promise<boolean> {
    const rows: unknown[] = await em.query(`SELECT 1 FROM settings WHERE key = $1`, [key]);
    return rows.length > 0;
  }

  /**
   * Writes `key` unless it exists; true when this call wrote it. A concurrent claimer waits for
   * the first one's transaction and then gets false, so exactly one caller wins.
   */
  async claim(em: EntityManager, key: string, value: unknown): Promise<boolean> {
    const rows: unknown[] = await em.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb) ON CONFLICT (key) DO NOTHING RETURNING key`,
      [key, JSON.stringify(value)],
    );
    return rows.length > 0;
  }

  async put(em: EntityManager, key: string, value: unknown): Promise<void> {
    await em.query(
      `INSERT INTO settings (key, value) VALUES ($1, $2::jsonb)
       ON CONFLICT (key) DO UPDATE SET value = EXCLUDED.value, updated_at = now()`,
      [key, JSON.stringify(value)],
    );
  }
}
