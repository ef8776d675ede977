import type { UsageEvent } from '@llmgw/common';
import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { MoreThanOrEqual, type FindOptionsWhere, type Repository } from 'typeorm';
import { UsageRecord } from './usage-record.entity';
import type { UsageQuery } from './usage.query';

@Injectable()
export class UsageRepository {
  constructor(@InjectRepository(UsageRecord) private readonly records: Repository<UsageRecord>) {}

  /** One multi-row INSERT ... ON CONFLICT DO NOTHING: an event seen before is skipped. Returns rows inserted. */
  async insertNew(events: UsageEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    const result = await this.records
      .createQueryBuilder()
      .insert()
      .into(UsageRecord)
      .values(events.map(toRow))
      .orIgnore()
      .returning(['id'])
      .execute();
    return (result.raw as unknown[]).length;
  }

  /** Newest first. */
  find(query: UsageQuery): Promise<UsageRecord[]> {
    const where: FindOptionsWhere<UsageRecord> = {};
    if (query.userId !== undefined) where.userId = query.userId;
    if (query.model !== undefined) where.model = query.model;
    if (query.since !== undefined) where.occurredAt = MoreThanOrEqual(query.since);
    return this.records.find({
      where,
      order: { occurredAt: 'DESC', id: 'DESC' },
      take: query.limit,
    });
  }
}

const toRow = (event: UsageEvent) => ({
  eventId: event.eventId,
  requestId: event.requestId,
  occurredAt: new Date(event.occurredAt),
  userId: event.userId,
  apiKeyId: event.apiKeyId,
  teamId: event.teamId,
  endpoint: event.endpoint,
  model: event.model,
  upstreamModel: event.upstreamModel,
  provider: event.provider,
  connectionId: event.connectionId,
  stream: event.stream,
  promptTokens: event.promptTokens,
  completionTokens: event.completionTokens,
  totalTokens: event.totalTokens,
  cachedTokens: event.cachedTokens,
  reasoningTokens: event.reasoningTokens,
  costUsd: event.costUsd,
  latencyMs: event.latencyMs,
  status: event.status,
  errorCode: event.errorCode,
});
