import { Body, Controller, Get, Header, HttpCode, HttpStatus, Post } from '@nestjs/common';
import { CurrentUser, Public, type AuthenticatedUser } from '@llmgw/common/guards';
import type { PublishedJwk } from '../signing-keys/signing-key.service';
import type { UserView } from '../users/user.view';
import { validate } from '@llmgw/common/validation';
import { AuthService, type TokenPair } from './auth.service';
import {
  loginSchema,
  refreshTokenSchema,
  type LoginBody,
  type RefreshTokenBody,
} from './auth.schemas';

@Controller('auth')
export class AuthController {
  constructor(private readonly auth: AuthService) {}

  @Public()
  @Post('login')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  login(@Body(validate(loginSchema, { unknown: 'strip' })) body: LoginBody): Promise<TokenPair> {
    return this.auth.login(body);
  }

  @Public()
  @Post('refresh')
  @HttpCode(HttpStatus.OK)
  @Header('Cache-Control', 'no-store')
  refresh(
    @Body(validate(refreshTokenSchema, { unknown: 'strip' })) body: RefreshTokenBody,
  ): Promise<TokenPair> {
    return this.auth.refresh(body.refreshToken);
  }

  @Public()
  @Post('logout')
  @HttpCode(HttpStatus.NO_CONTENT)
  logout(
    @Body(validate(refreshTokenSchema, { unknown: 'strip' })) body: RefreshTokenBody,
  ): Promise<void> {
    return this.auth.logout(body.refreshToken);
  }

  @Public()
  @Get('.well-known/jwks.json')
  @Header('Cache-Control', 'public, max-age=300')
  jwks(): Promise<{ keys: PublishedJwk[] }> {
    return this.auth.jwks();
  }

  @Get('me')
  me(@CurrentUser() caller: AuthenticatedUser): Promise<UserView> {
    return this.auth.me(caller.userId);
  }
}
