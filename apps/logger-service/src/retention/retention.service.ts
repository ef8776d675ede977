import { ENV } from '@llmgw/common';
import {
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnApplicationShutdown,
} from '@nestjs/common';
import { AuditLogStore } from '../audit-logs/audit-log.store';
import type { LoggerServiceEnv } from '../env.schema';
import { retentionCutoff } from './retention';

export const RETENTION_INTERVAL_MS = 60 * 60 * 1000;

/**
 * Deletes audit logs older than AUDIT_RETENTION_DAYS once at boot and then every hour. Replicas
 * may purge at the same time; the delete is idempotent. A failed purge (PostgreSQL down) is
 * logged and retried at the next tick.
 */
@Injectable()
export class AuditRetentionService implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(AuditRetentionService.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    @Inject(ENV) private readonly env: LoggerServiceEnv,
    private readonly store: AuditLogStore,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    await this.purge();
    this.timer = setInterval(() => void this.purge(), RETENTION_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  async purge(now: Date = new Date()): Promise<number> {
    const cutoff = retentionCutoff(now, this.env.AUDIT_RETENTION_DAYS);
    try {
      const deleted = await this.store.deleteOlderThan(cutoff);
      if (deleted > 0)
        this.logger.log(`Deleted ${deleted} audit logs older than ${cutoff.toISOString()}`);
      return deleted;
    } catch (error) {
      this.logger.warn(
        `Audit retention purge failed (${(error as Error).message}); retrying in an hour`,
      );
      return 0;
    }
  }
}
