import { Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, IsNull } from 'typeorm';
import {
  AuthBroadcasts,
  type ApiKeyPrincipal,
  type KeyRevokedEvent,
  type UserRole,
} from '@llmgw/common';
import { RpcClient } from '@llmgw/common/bus';
import { ApiKey } from '@llmgw/common/entities';
import type { AuthenticatedUser } from '@llmgw/common/guards';
import { generateApiKey } from './api-key.format';
import { ApiKeysException } from './api-keys.exception';
import type { CreateApiKeyBody } from './api-keys.schemas';

/** The one time a key is seen whole. */
export interface CreatedApiKey {
  id: string;
  key: string;
  prefix: string;
  name: string;
  createdAt: string;
  expiresAt: string | null;
}

/** A key as listed: never the key or its hash. */
export interface ApiKeyView {
  id: string;
  name: string;
  prefix: string;
  userId: string;
  teamId: string | null;
  createdAt: string;
  expiresAt: string | null;
  revokedAt: string | null;
}

interface PrincipalRow {
  key_id: string;
  key_prefix: string;
  key_name: string;
  expires_at: Date | null;
  user_id: string;
  user_email: string;
  role: UserRole;
  team_id: string | null;
}

interface KeyViewRow {
  id: string;
  name: string;
  prefix: string;
  user_id: string;
  team_id: string | null;
  created_at: Date;
  expires_at: Date | null;
  revoked_at: Date | null;
}

const iso = (date: Date | null): string | null => (date ? date.toISOString() : null);

@Injectable()
export class ApiKeysService {
  private readonly logger = new Logger(ApiKeysService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    private readonly bus: RpcClient,
  ) {}

  async create(owner: AuthenticatedUser, body: CreateApiKeyBody): Promise<CreatedApiKey> {
    const { key, prefix, hash } = generateApiKey();
    const [row] = (await this.dataSource.query(
      `INSERT INTO api_keys (name, prefix, key_hash, user_id, team_id, expires_at)
       VALUES ($1, $2, $3, $4, $5, $6)
       RETURNING id, created_at, expires_at`,
      [body.name, prefix, hash, owner.userId, owner.teamId, body.expiresAt],
    )) as { id: string; created_at: Date; expires_at: Date | null }[];
    return {
      id: row.id,
      key,
      prefix,
      name: body.name,
      createdAt: row.created_at.toISOString(),
      expiresAt: iso(row.expires_at),
    };
  }

  /** A user's keys, newest first; a non-admin may only list their own. */
  async list(caller: AuthenticatedUser, userId?: string): Promise<ApiKeyView[]> {
    const owner = userId ?? caller.userId;
    if (owner !== caller.userId && caller.role !== 'admin') throw ApiKeysException.foreignList();
    const rows = (await this.dataSource.query(
      `SELECT id, name, prefix, user_id, team_id, created_at, expires_at, revoked_at
         FROM api_keys WHERE user_id = $1 ORDER BY created_at DESC`,
      [owner],
    )) as KeyViewRow[];
    return rows.map((r) => ({
      id: r.id,
      name: r.name,
      prefix: r.prefix,
      userId: r.user_id,
      teamId: r.team_id,
      createdAt: r.created_at.toISOString(),
      expiresAt: iso(r.expires_at),
      revokedAt: iso(r.revoked_at),
    }));
  }

  /** Revokes a key of the caller's (any key for an admin) and tells the gateways to drop it now. */
  async revoke(caller: AuthenticatedUser, id: string): Promise<void> {
    const key = await this.dataSource.getRepository(ApiKey).findOne({
      where: caller.role === 'admin' ? { id } : { id, user: { id: caller.userId } },
      select: { id: true, keyHash: true, revokedAt: true },
    });
    if (!key) throw ApiKeysException.notFound(id);
    if (!key.revokedAt)
      await this.dataSource
        .getRepository(ApiKey)
        .update({ id, revokedAt: IsNull() }, { revokedAt: new Date() });
    // Sent again for an already revoked key too: harmless for listeners, and heals a missed broadcast.
    await this.broadcastRevoked([{ keyId: key.id, keyHash: key.keyHash }]);
  }

  /** Revokes every live key of a user (before the user is deleted); the caller broadcasts. */
  async revokeAllForUser(userId: string): Promise<KeyRevokedEvent[]> {
    const result = await this.dataSource
      .createQueryBuilder()
      .update(ApiKey)
      .set({ revokedAt: () => 'now()' })
      .where('user_id = :userId AND revoked_at IS NULL', { userId })
      .returning('id, key_hash')
      .execute();
    return (result.raw as { id: string; key_hash: string }[]).map((r) => ({
      keyId: r.id,
      keyHash: r.key_hash,
    }));
  }

  /**
   * Makes gateways forget their cached principals for a user's live keys (role, team or status
   * changed): they look each key up again on its next use.
   */
  async evictFromGateways(userId: string): Promise<void> {
    const rows = (await this.dataSource.query(
      `SELECT id, key_hash FROM api_keys WHERE user_id = $1 AND revoked_at IS NULL`,
      [userId],
    )) as { id: string; key_hash: string }[];
    await this.broadcastRevoked(rows.map((r) => ({ keyId: r.id, keyHash: r.key_hash })));
  }

  async broadcastRevoked(keys: KeyRevokedEvent[]): Promise<void> {
    for (const key of keys) {
      try {
        await this.bus.emit(AuthBroadcasts.keyRevoked, key);
      } catch (error) {
        this.logger.warn(
          `Could not broadcast the revocation of key ${key.keyId}: ${(error as Error).message}`,
        );
      }
    }
  }

  /**
   * The gateway's cache-miss lookup: one indexed query (unique key_hash, then primary keys). Null for
   * an unknown, revoked or expired key, or an inactive user.
   */
  async validate(keyHash: string): Promise<ApiKeyPrincipal | null> {
    const [row] = (await this.dataSource.query(
      `SELECT k.id AS key_id, k.prefix AS key_prefix, k.name AS key_name, k.expires_at,
              u.id AS user_id, u.email AS user_email, r.name AS role, t.id AS team_id
         FROM api_keys k
         JOIN users u ON u.id = k.user_id
         JOIN roles r ON r.id = u.role_id
         LEFT JOIN teams t ON t.id = u.team_id
        WHERE k.key_hash = $1
          AND k.revoked_at IS NULL
          AND (k.expires_at IS NULL OR k.expires_at > now())
          AND u.active`,
      [keyHash],
    )) as PrincipalRow[];
    if (!row) return null;
    return {
      keyId: row.key_id,
      keyPrefix: row.key_prefix,
      keyName: row.key_name,
      userId: row.user_id,
      userEmail: row.user_email,
      role: row.role,
      teamId: row.team_id,
      expiresAt: iso(row.expires_at),
    };
  }
}
