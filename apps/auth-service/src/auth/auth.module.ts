import { Module } from '@nestjs/common';
import { APP_GUARD } from '@nestjs/core';
import { PassportModule } from '@nestjs/passport';
import { JwtAuthGuard, RolesGuard } from '@llmgw/common/guards';
import { SessionsModule } from '../sessions/sessions.module';
import { SigningKeysModule } from '../signing-keys/signing-keys.module';
import { UsersModule } from '../users/users.module';
import { AccessTokenService } from './access-token.service';
import { AuthController } from './auth.controller';
import { AuthService } from './auth.service';
import { LocalJwtStrategy } from './local-jwt.strategy';

/**
 * Login, refresh, logout, JWKS and /me; also the global guards of this service (every route needs
 * an access token unless @Public(), and @Roles() where declared), verified against our own keys.
 */
@Module({
  imports: [PassportModule, SigningKeysModule, SessionsModule, UsersModule],
  controllers: [AuthController],
  providers: [
    AccessTokenService,
    AuthService,
    LocalJwtStrategy,
    { provide: APP_GUARD, useClass: JwtAuthGuard },
    { provide: APP_GUARD, useClass: RolesGuard },
  ],
})
export class AuthModule {}
