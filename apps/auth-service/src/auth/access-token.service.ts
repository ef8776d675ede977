import { randomUUID } from 'node:crypto';
import { Inject, Injectable } from '@nestjs/common';
import { jwtVerify, SignJWT } from 'jose';
import { ENV } from '@llmgw/common';
import type { User } from '@llmgw/common/entities';
import type { AccessTokenClaims } from '@llmgw/common/guards';
import type { AuthServiceEnv } from '../env.schema';
import { SIGNING_ALGORITHM, SigningKeyService } from '../signing-keys/signing-key.service';

export interface IssuedAccessToken {
  token: string;
  expiresIn: number;
}

/**
 * Short-lived ES256 access tokens. The claims are the ones libs/common's JwtStrategy reads
 * (`sub`, `email`, `role`, `team`), with iss/aud from the environment and `kid` in the header.
 */
@Injectable()
export class AccessTokenService {
  constructor(
    private readonly signingKeys: SigningKeyService,
    @Inject(ENV) private readonly env: AuthServiceEnv,
  ) {}

  async issue(user: User): Promise<IssuedAccessToken> {
    const { kid, privateKey } = this.signingKeys.activeKey();
    const claims: Omit<AccessTokenClaims, 'sub'> = {
      email: user.email,
      role: user.role.name,
      team: user.team?.id ?? null,
    };
    const token = await new SignJWT({ ...claims })
      .setProtectedHeader({ alg: SIGNING_ALGORITHM, kid, typ: 'JWT' })
      .setSubject(user.id)
      .setIssuer(this.env.JWT_ISSUER)
      .setAudience(this.env.JWT_AUDIENCE)
      .setIssuedAt()
      .setExpirationTime(`${this.env.ACCESS_TOKEN_TTL_SECONDS}s`)
      .setJti(randomUUID())
      .sign(privateKey);
    return { token, expiresIn: this.env.ACCESS_TOKEN_TTL_SECONDS };
  }

  /** Verifies one of our own tokens against our public keys; null when it does not verify. */
  async verify(token: string): Promise<AccessTokenClaims | null> {
    try {
      const { payload } = await jwtVerify<AccessTokenClaims>(
        token,
        await this.signingKeys.verificationKeys(),
        {
          issuer: this.env.JWT_ISSUER,
          audience: this.env.JWT_AUDIENCE,
          algorithms: [SIGNING_ALGORITHM],
        },
      );
      return typeof payload.sub === 'string' ? payload : null;
    } catch {
      return null;
    }
  }
}
