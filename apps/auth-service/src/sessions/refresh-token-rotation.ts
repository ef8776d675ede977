/** What to do with a presented refresh token. */
export enum RotationDecision {
  /** Valid: replace it with a new token of the same family. */
  Rotate = 'rotate',
  /** Already replaced: someone is replaying it, so the whole family is revoked. */
  Reused = 'reused',
  /** Revoked (logout, or its family was revoked): refuse. */
  Revoked = 'revoked',
  Expired = 'expired',
}

export interface PresentedRefreshToken {
  expiresAt: Date;
  revokedAt: Date | null;
  replacedBy: string | null;
}

/** Pure rotation rule, so the reuse detection can be tested without a database. */
export function decideRotation(token: PresentedRefreshToken, now: Date): RotationDecision {
  if (token.replacedBy !== null) return RotationDecision.Reused;
  if (token.revokedAt !== null) return RotationDecision.Revoked;
  if (token.expiresAt.getTime() <= now.getTime()) return RotationDecision.Expired;
  return RotationDecision.Rotate;
}
