import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { randomUUID } from 'node:crypto';
import { EventStreams, type ApiKeyPrincipal } from '@llmgw/common';
import { SERVICE_NAME } from '@llmgw/common/config';
import { EventPublisher } from '@llmgw/common/events';

/** One audit event per authenticated request, whatever its outcome, appended when the response ends. */
@Injectable()
export class AuditTrail {
  constructor(
    private readonly publisher: EventPublisher,
    @Inject(SERVICE_NAME) private readonly service: string,
  ) {}

  track(req: Request, res: Response, principal: ApiKeyPrincipal): void {
    const startedAt = Date.now();
    res.once('close', () => {
      const body = req.body as { model?: unknown } | undefined;
      this.publisher.publish(EventStreams.audit, {
        eventId: randomUUID(),
        requestId: String(req.id),
        occurredAt: new Date(startedAt).toISOString(),
        service: this.service,
        userId: principal.userId,
        apiKeyId: principal.keyId,
        teamId: principal.teamId,
        method: req.method,
        path: req.path,
        model: typeof body?.model === 'string' ? body.model.slice(0, 256) : null,
        // A response cut short by the client never finished: 499, as nginx logs it.
        status: res.writableFinished ? res.statusCode : 499,
        latencyMs: Date.now() - startedAt,
        clientIp: req.ip ?? null,
        userAgent: req.headers['user-agent']?.slice(0, 512) ?? null,
        errorMessage: null,
      });
    });
  }
}
