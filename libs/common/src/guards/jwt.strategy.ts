import { Inject, Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { createRemoteJWKSet, jwtVerify, type JWTVerifyGetKey } from 'jose';
import { Strategy } from 'passport-http-bearer';
import type { JwtVerifyEnv } from '../config/env';
import { ENV } from '../config/env.tokens';
import type { AccessTokenClaims, AuthenticatedUser } from './access-token';

/** Verifies access tokens locally against auth-service's JWKS (fetched once, cached, refreshed on an unknown kid). */
@Injectable()
export class JwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  private readonly jwks: JWTVerifyGetKey;

  constructor(@Inject(ENV) private readonly env: JwtVerifyEnv) {
    super();
    this.jwks = createRemoteJWKSet(new URL(env.AUTH_JWKS_URL), { cooldownDuration: 5_000, cacheMaxAge: 10 * 60_000 });
  }

  async validate(token: string): Promise<AuthenticatedUser | false> {
    try {
      const { payload } = await jwtVerify<AccessTokenClaims>(token, this.jwks, {
        issuer: this.env.JWT_ISSUER,
        audience: this.env.JWT_AUDIENCE,
      });
      return { userId: payload.sub, email: payload.email, role: payload.role, teamId: payload.team ?? null };
    } catch {
      return false;
    }
  }
}
