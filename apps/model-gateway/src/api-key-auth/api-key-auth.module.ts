import { Module } from '@nestjs/common';
import { UsageModule } from '../usage/usage.module';
import { ApiKeyGuard } from './api-key.guard';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';
import { AuthBroadcastsListener } from './auth-broadcasts.listener';

@Module({
  imports: [UsageModule],
  controllers: [AuthBroadcastsListener],
  providers: [ApiKeyAuthenticator, ApiKeyGuard],
  exports: [ApiKeyAuthenticator, ApiKeyGuard],
})
export class ApiKeyAuthModule {}
