import type { DailyUsageTracking } from '@llmgw/common/entities';
import type { AuthenticatedUser } from '@llmgw/common/guards';
import { Injectable } from '@nestjs/common';
import { scopeDailyUsageQuery, type DailyUsageQuery } from './daily-usage.query';
import { DailyUsageRepository } from './daily-usage.repository';
import type { DailyUsageEvent } from './daily-usage.aggregate';

export interface DailyUsageView {
  day: string;
  userId: string;
  apiKeyId: string;
  teamId: string | null;
  model: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  costUsd: number;
  updatedAt: string;
}

@Injectable()
export class DailyUsageService {
  constructor(private readonly repository: DailyUsageRepository) {}

  /** Counts a batch of usage events into the daily totals, each event id once. */
  record(events: DailyUsageEvent[]): Promise<number> {
    return this.repository.addEvents(events);
  }

  async list(query: DailyUsageQuery, caller: AuthenticatedUser): Promise<DailyUsageView[]> {
    const scoped = scopeDailyUsageQuery(query, caller);
    const rows = await this.repository.find(scoped.day, scoped.userId);
    return rows.map(toView);
  }
}

const toView = (row: DailyUsageTracking): DailyUsageView => ({
  day: row.day,
  userId: row.userId,
  apiKeyId: row.apiKeyId,
  teamId: row.teamId,
  model: row.model,
  requests: row.requests,
  promptTokens: row.promptTokens,
  completionTokens: row.completionTokens,
  totalTokens: row.promptTokens + row.completionTokens,
  costUsd: row.costUsd,
  updatedAt: row.updatedAt.toISOString(),
});
