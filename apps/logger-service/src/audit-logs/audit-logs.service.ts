import type { AuditEvent } from '@llmgw/common';
import { Injectable } from '@nestjs/common';
import type { AuditLog } from './audit-log.entity';
import { AuditLogStore } from './audit-log.store';
import type { AuditLogQuery } from './audit-logs.query';

/** An audit record as the admin API shows it: the event as recorded, with its row id. */
export type AuditLogView = AuditEvent & { id: string };

@Injectable()
export class AuditLogsService {
  constructor(private readonly store: AuditLogStore) {}

  record(events: AuditEvent[]): Promise<number> {
    return this.store.insertNew(events);
  }

  async list(query: AuditLogQuery): Promise<AuditLogView[]> {
    return (await this.store.find(query)).map(toView);
  }
}

const toView = (log: AuditLog): AuditLogView => ({
  id: log.id,
  eventId: log.eventId,
  requestId: log.requestId,
  occurredAt: log.occurredAt.toISOString(),
  service: log.service,
  userId: log.userId,
  apiKeyId: log.apiKeyId,
  teamId: log.teamId,
  method: log.method,
  path: log.path,
  model: log.model,
  status: log.status,
  latencyMs: log.latencyMs,
  clientIp: log.clientIp,
  userAgent: log.userAgent,
  errorMessage: log.errorMessage,
});
