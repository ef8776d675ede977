import { Module } from '@nestjs/common';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { AuthBroadcastsListener } from './auth-broadcasts.listener';

@Module({
  controllers: [AuthBroadcastsListener],
  providers: [ApiKeyAuthenticator, ApiKeyGuard],
  exports: [ApiKeyAuthenticator, ApiKeyGuard],
})
export class ApiKeyAuthModule {}
