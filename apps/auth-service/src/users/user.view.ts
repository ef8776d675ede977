import type { UserRole } from '@llmgw/common';
import type { User } from '@llmgw/common/entities';

/** A user as the API shows it: never the password hash. */
export interface UserView {
  id: string;
  email: string;
  role: UserRole;
  teamId: string | null;
  active: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toUserView = (user: User): UserView => ({
  id: user.id,
  email: user.email,
  role: user.role.name,
  teamId: user.team?.id ?? null,
  active: user.active,
  createdAt: user.createdAt.toISOString(),
  updatedAt: user.updatedAt.toISOString(),
});
