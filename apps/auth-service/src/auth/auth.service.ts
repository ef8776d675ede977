import { Injectable } from '@nestjs/common';
import type { UserRole } from '@llmgw/common';
import type { User } from '@llmgw/common/entities';
import { RefreshTokenService } from '../sessions/refresh-token.service';
import { SigningKeyService, type PublishedJwk } from '../signing-keys/signing-key.service';
import { PasswordHasher } from '../users/password-hasher';
import { toUserView, type UserView } from '../users/user.view';
import { UsersService } from '../users/users.service';
import { AccessTokenService } from './access-token.service';
import { AuthException } from './auth.exception';
import type { LoginBody } from './auth.schemas';

export interface TokenPair {
  accessToken: string;
  refreshToken: string;
  tokenType: 'Bearer';
  /** Seconds until the access token expires. */
  expiresIn: number;
  user: { id: string; email: string; role: UserRole; teamId: string | null };
}

@Injectable()
export class AuthService {
  constructor(
    private readonly users: UsersService,
    private readonly hasher: PasswordHasher,
    private readonly accessTokens: AccessTokenService,
    private readonly refreshTokens: RefreshTokenService,
    private readonly signingKeys: SigningKeyService,
  ) {}

  async login(body: LoginBody): Promise<TokenPair> {
    const user = await this.users.findByEmail(body.email);
    // Always verify (against a decoy for an unknown email) so timing does not reveal which emails exist.
    const passwordOk = await this.hasher.verify(user?.passwordHash ?? null, body.password);
    if (!user || !passwordOk || !user.active) throw AuthException.invalidCredentials();
    const refresh = await this.refreshTokens.issue(user.id);
    return this.pair(user, refresh.token);
  }

  /** A new pair for a valid refresh token; the presented one is spent. */
  async refresh(presented: string): Promise<TokenPair> {
    const next = await this.refreshTokens.rotate(presented);
    const user = await this.users.findById(next.userId);
    if (!user || !user.active) throw AuthException.accountUnavailable();
    return this.pair(user, next.token);
  }

  logout(presented: string): Promise<void> {
    return this.refreshTokens.revokeSession(presented);
  }

  async me(userId: string): Promise<UserView> {
    const user = await this.users.findById(userId);
    if (!user) throw AuthException.accountUnavailable();
    return toUserView(user);
  }

  async jwks(): Promise<{ keys: PublishedJwk[] }> {
    return { keys: await this.signingKeys.publicKeys() };
  }

  private async pair(user: User, refreshToken: string): Promise<TokenPair> {
    const access = await this.accessTokens.issue(user);
    return {
      accessToken: access.token,
      refreshToken,
      tokenType: 'Bearer',
      expiresIn: access.expiresIn,
      user: { id: user.id, email: user.email, role: user.role.name, teamId: user.team?.id ?? null },
    };
  }
}
