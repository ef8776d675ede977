import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import type { ApiKeyPrincipal } from '@llmgw/common';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';

type AuthenticatedRequest = Request & { principal?: ApiKeyPrincipal };

/** Model API routes: an API key, checked locally from the cache in the steady state. */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(private readonly authenticator: ApiKeyAuthenticator) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const req = context.switchToHttp().getRequest<AuthenticatedRequest>();
    req.principal = await this.authenticator.authenticate(req.headers);
    return true;
  }
}

export const Principal = createParamDecorator(
  (_: unknown, ctx: ExecutionContext): ApiKeyPrincipal => {
    const principal = ctx.switchToHttp().getRequest<AuthenticatedRequest>().principal;
    if (!principal) throw new Error('Principal used on a route without ApiKeyGuard');
    return principal;
  },
);
