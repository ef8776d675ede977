import { Module } from '@nestjs/common';
import { RefreshTokenService } from './refresh-token.service';

/** Login sessions: refresh tokens, their rotation and revocation. */
@Module({ providers: [RefreshTokenService], exports: [RefreshTokenService] })
export class SessionsModule {}
