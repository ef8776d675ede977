import type { AuditEvent } from '@llmgw/common';
import { Logger } from '@nestjs/common';
import type { AuditLog } from '../audit-logs/audit-log.entity';
import { AuditLogStore } from '../audit-logs/audit-log.store';
import type { LoggerServiceEnv } from '../env.schema';
import { retentionCutoff } from './retention';
import { AuditRetentionService } from './retention.service';

/** An in-memory store holding only occurrence times: enough to watch retention work. */
class MemoryStore extends AuditLogStore {
  failing = false;
  constructor(public occurredAt: Date[]) {
    super();
  }
  insertNew(_events: AuditEvent[]): Promise<number> {
    return Promise.resolve(0);
  }
  find(): Promise<AuditLog[]> {
    return Promise.resolve([]);
  }
  deleteOlderThan(cutoff: Date): Promise<number> {
    if (this.failing) return Promise.reject(new Error('connect ECONNREFUSED'));
    const before = this.occurredAt.length;
    this.occurredAt = this.occurredAt.filter((d) => d >= cutoff);
    return Promise.resolve(before - this.occurredAt.length);
  }
}

const env = { AUDIT_RETENTION_DAYS: 30 } as LoggerServiceEnv;
const now = new Date('2026-03-31T12:00:00Z');

describe('retentionCutoff', () => {
  it('is exactly N days before now', () => {
    expect(retentionCutoff(now, 30).toISOString()).toBe('2026-03-01T12:00:00.000Z');
  });
});

describe('AuditRetentionService.purge', () => {
  beforeAll(() => Logger.overrideLogger(false));

  it('deletes logs older than the retention and keeps the rest', async () => {
    const store = new MemoryStore([
      new Date('2026-02-28T00:00:00Z'),
      new Date('2026-03-01T12:00:00Z'),
      new Date('2026-03-30T00:00:00Z'),
    ]);
    const deleted = await new AuditRetentionService(env, store).purge(now);
    expect(deleted).toBe(1);
    expect(store.occurredAt.map((d) => d.toISOString())).toEqual([
      '2026-03-01T12:00:00.000Z',
      '2026-03-30T00:00:00.000Z',
    ]);
  });

  it('survives a store outage (the next tick retries)', async () => {
    const store = new MemoryStore([new Date('2026-01-01T00:00:00Z')]);
    store.failing = true;
    await expect(new AuditRetentionService(env, store).purge(now)).resolves.toBe(0);
    expect(store.occurredAt).toHaveLength(1);
  });
});
