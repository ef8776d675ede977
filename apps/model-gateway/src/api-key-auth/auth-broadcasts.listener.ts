import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { AuthBroadcasts, type KeyRevokedEvent, type UserDeletedEvent, type UserRoleChangedEvent } from '@llmgw/common';
import { RpcPayload } from '@llmgw/common/bus';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';

/** Revocations take effect at once on every gateway replica. */
@Controller()
export class AuthBroadcastsListener {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  @EventPattern(AuthBroadcasts.keyRevoked.pattern)
  onKeyRevoked(@RpcPayload() event: KeyRevokedEvent | undefined): void {
    if (typeof event?.keyHash === 'string') this.authenticator.evictKey(event.keyHash);
  }

  @EventPattern(AuthBroadcasts.userDeleted.pattern)
  onUserDeleted(@RpcPayload() event: UserDeletedEvent | undefined): void {
    if (typeof event?.userId === 'string') this.authenticator.evictUser(event.userId);
  }

  @EventPattern(AuthBroadcasts.userRoleChanged.pattern)
  onUserRoleChanged(@RpcPayload() event: UserRoleChangedEvent | undefined): void {
    if (typeof event?.userId === 'string') this.authenticator.evictUser(event.userId);
  }
}
