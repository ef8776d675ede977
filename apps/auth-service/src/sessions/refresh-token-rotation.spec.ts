import { decideRotation, RotationDecision } from './refresh-token-rotation';

describe('decideRotation', () => {
  const now = new Date('2030-01-01T00:00:00Z');
  const later = new Date('2030-01-02T00:00:00Z');
  const earlier = new Date('2029-12-31T00:00:00Z');

  it('rotates a live token', () => {
    expect(decideRotation({ expiresAt: later, revokedAt: null, replacedBy: null }, now)).toBe(
      RotationDecision.Rotate,
    );
  });

  it('treats a token that was already replaced as reuse, even if it has not expired', () => {
    expect(
      decideRotation({ expiresAt: later, revokedAt: earlier, replacedBy: 'next-id' }, now),
    ).toBe(RotationDecision.Reused);
  });

  it('treats an expired token that was replaced as reuse too', () => {
    expect(
      decideRotation({ expiresAt: earlier, revokedAt: earlier, replacedBy: 'next-id' }, now),
    ).toBe(RotationDecision.Reused);
  });

  it('refuses a revoked token without calling it reuse', () => {
    expect(decideRotation({ expiresAt: later, revokedAt: earlier, replacedBy: null }, now)).toBe(
      RotationDecision.Revoked,
    );
  });

  it('refuses a token at or past its expiry', () => {
    expect(decideRotation({ expiresAt: now, revokedAt: null, replacedBy: null }, now)).toBe(
      RotationDecision.Expired,
    );
  });
});
