import type { UserRole } from '../contracts/auth.contracts';

/** Claims of an access token, as every service sees the caller. */
export interface AuthenticatedUser {
  userId: string;
  email: string;
  role: UserRole;
  teamId: string | null;
}

export interface AccessTokenClaims {
  sub: string;
  email: string;
  role: UserRole;
  team: string | null;
}
