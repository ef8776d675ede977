import type { UsageEvent } from '@llmgw/common';
import type { AuthenticatedUser } from '@llmgw/common/guards';
import { Injectable } from '@nestjs/common';
import type { UsageRecord } from './usage-record.entity';
import { scopeUsageQuery, type UsageQuery } from './usage.query';
import { UsageRepository } from './usage.repository';

/** A usage record as the admin API shows it: the event as recorded, with its row id. */
export type UsageRecordView = UsageEvent & { id: string };

@Injectable()
export class UsageService {
  constructor(private readonly repository: UsageRepository) {}

  /** Stores a batch of events; an event id seen before is not stored twice. Returns how many were new. */
  record(events: UsageEvent[]): Promise<number> {
    return this.repository.insertNew(events);
  }

  async list(query: UsageQuery, caller: AuthenticatedUser): Promise<UsageRecordView[]> {
    const records = await this.repository.find(scopeUsageQuery(query, caller));
    return records.map(toView);
  }
}

const toView = (r: UsageRecord): UsageRecordView => ({
  id: r.id,
  eventId: r.eventId,
  requestId: r.requestId,
  occurredAt: r.occurredAt.toISOString(),
  userId: r.userId,
  apiKeyId: r.apiKeyId,
  teamId: r.teamId,
  endpoint: r.endpoint,
  model: r.model,
  upstreamModel: r.upstreamModel,
  provider: r.provider,
  connectionId: r.connectionId,
  stream: r.stream,
  promptTokens: r.promptTokens,
  completionTokens: r.completionTokens,
  totalTokens: r.totalTokens,
  cachedTokens: r.cachedTokens,
  reasoningTokens: r.reasoningTokens,
  costUsd: r.costUsd,
  latencyMs: r.latencyMs,
  status: r.status,
  errorCode: r.errorCode,
});
