import { DailyUsageTracking } from '@llmgw/common/entities';
import { Injectable } from '@nestjs/common';
import { InjectDataSource, InjectRepository } from '@nestjs/typeorm';
import type { DataSource, FindOptionsWhere, Repository } from 'typeorm';
import { aggregateDailyUsage, firstOfEach } from './daily-usage.aggregate';
import type { DailyUsageEvent } from './daily-usage.aggregate';

@Injectable()
export class DailyUsageRepository {
  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @InjectRepository(DailyUsageTracking) private readonly rows: Repository<DailyUsageTracking>,
  ) {}

  /**
   * Adds a batch of events to the daily totals, each event id once, in one transaction: the ids go
   * into usage_control_processed_events (ON CONFLICT DO NOTHING RETURNING) and only the ids returned,
   * i.e. never seen before, are aggregated and upserted. Returns how many events were counted.
   */
  async addEvents(events: DailyUsageEvent[]): Promise<number> {
    if (events.length === 0) return 0;
    return this.dataSource.transaction(async (manager) => {
      const ids = [...new Set(events.map((e) => e.eventId))];
      const fresh: { event_id: string }[] = await manager.query(
        `INSERT INTO usage_control_processed_events (event_id)
         SELECT unnest($1::varchar[])
         ON CONFLICT DO NOTHING
         RETURNING event_id`,
        [ids],
      );
      const counted = firstOfEach(events, new Set(fresh.map((r) => r.event_id)));
      const deltas = aggregateDailyUsage(counted);
      if (deltas.length === 0) return 0;
      await manager.query(
        `INSERT INTO daily_usage_tracking
           (day, user_id, api_key_id, team_id, model, requests, prompt_tokens, completion_tokens, cost_usd)
         SELECT * FROM unnest($1::date[], $2::uuid[], $3::uuid[], $4::uuid[], $5::varchar[],
                              $6::integer[], $7::bigint[], $8::bigint[], $9::numeric[])
         ON CONFLICT (day, user_id, api_key_id, model) DO UPDATE SET
           requests = daily_usage_tracking.requests + EXCLUDED.requests,
           prompt_tokens = daily_usage_tracking.prompt_tokens + EXCLUDED.prompt_tokens,
           completion_tokens = daily_usage_tracking.completion_tokens + EXCLUDED.completion_tokens,
           cost_usd = daily_usage_tracking.cost_usd + EXCLUDED.cost_usd,
           team_id = EXCLUDED.team_id,
           updated_at = now()`,
        [
          deltas.map((d) => d.day),
          deltas.map((d) => d.userId),
          deltas.map((d) => d.apiKeyId),
          deltas.map((d) => d.teamId),
          deltas.map((d) => d.model),
          deltas.map((d) => d.requests),
          deltas.map((d) => d.promptTokens),
          deltas.map((d) => d.completionTokens),
          deltas.map((d) => d.costUsd.toFixed(8)),
        ],
      );
      return counted.length;
    });
  }

  find(day: string, userId: string | undefined): Promise<DailyUsageTracking[]> {
    const where: FindOptionsWhere<DailyUsageTracking> = { day };
    if (userId !== undefined) where.userId = userId;
    return this.rows.find({ where, order: { userId: 'ASC', apiKeyId: 'ASC', model: 'ASC' } });
  }
}
