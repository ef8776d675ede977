import { CanActivate, createParamDecorator, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiKeyPrincipal } from '@llmgw/common';
import { AuditTrail } from '../usage/audit-trail.service';
import { ApiKeyAuthenticator } from './api-key-authenticator.service';

type AuthenticatedRequest = Request & { principal?: ApiKeyPrincipal };

/**
 * Model API routes: an API key, checked locally from the cache in the steady state. From here on
 * the request has a principal, so it is audited whatever its outcome.
 */
@Injectable()
export class ApiKeyGuard implements CanActivate {
  constructor(
    private readonly authenticator: ApiKeyAuthenticator,
    private readonly audit: AuditTrail,
  ) {}

  async canActivate(context: ExecutionContext): Promise<boolean> {
    const http = context.switchToHttp();
    const req = http.getRequest<AuthenticatedRequest>();
    req.principal = await this.authenticator.authenticate(req.headers);
    this.audit.track(req, http.getResponse<Response>(), req.principal);
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
