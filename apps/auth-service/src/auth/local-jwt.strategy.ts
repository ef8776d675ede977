import { Injectable } from '@nestjs/common';
import { PassportStrategy } from '@nestjs/passport';
import { Strategy } from 'passport-http-bearer';
import type { AuthenticatedUser } from '@llmgw/common/guards';
import { UsersService } from '../users/users.service';
import { AccessTokenService } from './access-token.service';

/**
 * The `jwt` strategy the shared JwtAuthGuard uses, verified here against our own keys (no HTTP call
 * to ourselves). The role and team come from the database, so a demoted or deactivated user loses
 * access to this service's routes at once rather than when the token expires.
 */
@Injectable()
export class LocalJwtStrategy extends PassportStrategy(Strategy, 'jwt') {
  constructor(
    private readonly accessTokens: AccessTokenService,
    private readonly users: UsersService,
  ) {
    super();
  }

  async validate(token: string): Promise<AuthenticatedUser | false> {
    const claims = await this.accessTokens.verify(token);
    if (!claims) return false;
    const user = await this.users.findById(claims.sub);
    if (!user || !user.active) return false;
    return {
      userId: user.id,
      email: user.email,
      role: user.role.name,
      teamId: user.team?.id ?? null,
    };
  }
}
