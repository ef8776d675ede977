import type { AuditEvent } from '@llmgw/common';
import type { AuditLog } from './audit-log.entity';
import type { AuditLogQuery } from './audit-logs.query';

/**
 * Where audit logs live. PostgreSQL (PostgresAuditLogStore) is the store; a MongoDB store for sites
 * that run one (MONGODB_URI) would be a second implementation chosen in AuditLogsModule.
 */
export abstract class AuditLogStore {
  /** Stores a batch; an event id stored before is skipped. Returns how many were new. */
  abstract insertNew(events: AuditEvent[]): Promise<number>;
  /** Newest first. */
  abstract find(query: AuditLogQuery): Promise<AuditLog[]>;
  /** Deletes logs that occurred before `cutoff`; returns how many. */
  abstract deleteOlderThan(cutoff: Date): Promise<number>;
}
