import { randomBytes, randomUUID } from 'node:crypto';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource, EntityManager, IsNull } from 'typeorm';
import { ENV, sha256Hex } from '@llmgw/common';
import type { AuthServiceEnv } from '../env.schema';
import { decideRotation, RotationDecision } from './refresh-token-rotation';
import { RefreshToken } from './refresh-token.entity';
import { SessionException } from './session.exception';

export interface IssuedRefreshToken {
  userId: string;
  token: string;
  expiresAt: Date;
}

/** Opaque refresh tokens (32 random bytes), stored only as SHA-256, rotated on every use. */
@Injectable()
export class RefreshTokenService {
  private readonly logger = new Logger(RefreshTokenService.name);

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENV) private readonly env: AuthServiceEnv,
  ) {}

  /** Starts a new session (a new token family) for a user who just logged in. */
  async issue(userId: string): Promise<IssuedRefreshToken> {
    return this.insert(this.dataSource.manager, userId, randomUUID());
  }

  /**
   * Replaces a valid token with a new one of the same family. A token presented after it was
   * replaced means it leaked (or a client replayed it): the whole family is revoked.
   */
  async rotate(presented: string): Promise<IssuedRefreshToken> {
    const outcome = await this.dataSource.transaction(async (em) => {
      const current = await em
        .createQueryBuilder(RefreshToken, 't')
        .innerJoin('t.user', 'u')
        .addSelect(['u.id', 'u.active'])
        .where('t.token_hash = :hash', { hash: sha256Hex(presented) })
        .setLock('pessimistic_write', undefined, ['t'])
        .getOne();
      if (!current) return { kind: 'invalid' as const };

      const decision = decideRotation(current, new Date());
      if (decision === RotationDecision.Reused) {
        await this.revokeFamilyWith(em, current.familyId);
        return { kind: 'reused' as const, current };
      }
      if (decision !== RotationDecision.Rotate || !current.user.active)
        return { kind: 'invalid' as const };

      const next = await this.insert(em, current.userId, current.familyId);
      await em.update(
        RefreshToken,
        { id: current.id },
        { revokedAt: new Date(), replacedBy: next.id },
      );
      return { kind: 'rotated' as const, next };
    });

    switch (outcome.kind) {
      case 'rotated':
        return {
          userId: outcome.next.userId,
          token: outcome.next.token,
          expiresAt: outcome.next.expiresAt,
        };
      case 'reused':
        this.logger.warn(
          `Refresh token reuse for user ${outcome.current.userId}: revoked session family ${outcome.current.familyId}`,
        );
        throw SessionException.reused();
      case 'invalid':
        throw SessionException.invalid();
    }
  }

  /** Logout: ends the session the token belongs to. Unknown tokens are ignored (logout is idempotent). */
  async revokeSession(presented: string): Promise<void> {
    await this.dataSource.query(
      `UPDATE refresh_tokens SET revoked_at = now()
        WHERE revoked_at IS NULL
          AND family_id = (SELECT family_id FROM refresh_tokens WHERE token_hash = $1)`,
      [sha256Hex(presented)],
    );
  }

  /** Ends every session of a user (password change, deactivation). */
  async revokeAllForUser(userId: string): Promise<void> {
    await this.dataSource
      .getRepository(RefreshToken)
      .update({ userId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async revokeFamilyWith(em: EntityManager, familyId: string): Promise<void> {
    await em.update(RefreshToken, { familyId, revokedAt: IsNull() }, { revokedAt: new Date() });
  }

  private async insert(
    em: EntityManager,
    userId: string,
    familyId: string,
  ): Promise<IssuedRefreshToken & { id: string }> {
    const token = randomBytes(32).toString('base64url');
    const expiresAt = new Date(Date.now() + this.env.REFRESH_TOKEN_TTL_SECONDS * 1000);
    const id = randomUUID();
    await em.insert(RefreshToken, {
      id,
      userId,
      tokenHash: sha256Hex(token),
      familyId,
      expiresAt,
      revokedAt: null,
      replacedBy: null,
    });
    return { id, userId, token, expiresAt };
  }
}
