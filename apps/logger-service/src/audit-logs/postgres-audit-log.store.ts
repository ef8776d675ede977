import type { AuditEvent } from '@llmgw/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { LessThan, type FindOptionsWhere, type Repository } from 'typeorm';
import { AuditLog } from './audit-log.entity';
import { AuditLogStore } from './audit-log.store';
import type { AuditLogQuery } from './audit-logs.query';

@Injectable()
export class PostgresAuditLogStore extends AuditLogStore {
  constructor(@InjectRepository(AuditLog) private readonly logs: Repository<AuditLog>) {
    super();
  }

  /** One multi-row INSERT ... ON CONFLICT DO NOTHING. */
  async insertNew(events: AuditEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const result = await this.logs
      .createQueryBuilder()
      .insert()
      .into(AuditLog)
      .values(events.map((event) => ({ ...event, occurredAt: new Date(event.occurredAt) })))
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length;
  }

  find(query: AuditLogQuery): Promise<AuditLog[]> {
    const where: FindOptionsWhere<AuditLog> = {};
    if (query.userId !== undefined) where.userId = query.userId;
    if (query.status !== undefined) where.status = query.status;
    return this.logs.find({ where, order: { occurredAt: 'DESC', id: 'DESC' }, take: query.limit });
  }

  async deleteOlderThan(cutoff: Date): Promise<number> {
    const result = await this.logs.delete({ occurredAt: LessThan(cutoff) });
    return result.affected ?? 0;
  }
}
