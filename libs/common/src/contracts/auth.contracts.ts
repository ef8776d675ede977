import { broadcast, rpc } from './rpc';

export type UserRole = 'admin' | 'user';

/** What the gateway needs to know about the caller behind an API key. */
export interface ApiKeyPrincipal {
  keyId: string;
  keyPrefix: string;
  keyName: string;
  userId: string;
  userEmail: string;
  role: UserRole;
  teamId: string | null;
  /** ISO timestamp, or null for a key that does not expire. */
  expiresAt: string | null;
}

export interface ApiKeyValidateRequest {
  /** Hex SHA-256 of the presented key; the key itself never crosses the bus. */
  keyHash: string;
}

export interface KeyRevokedEvent {
  keyId: string;
  keyHash: string;
}

export interface UserDeletedEvent {
  userId: string;
}

export interface UserRoleChangedEvent {
  userId: string;
  role: UserRole;
}

export const AuthRpc = {
  apiKeyValidate: rpc<ApiKeyValidateRequest, ApiKeyPrincipal | null>('auth.api-key.validate'),
} as const;

export const AuthBroadcasts = {
  keyRevoked: broadcast<KeyRevokedEvent>('auth.key.revoked'),
  userDeleted: broadcast<UserDeletedEvent>('auth.user.deleted'),
  userRoleChanged: broadcast<UserRoleChangedEvent>('auth.user.role-changed'),
} as const;
