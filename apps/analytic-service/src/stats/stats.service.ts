import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import type { DataSource } from 'typeorm';
import type { StatsQuery } from './stats.query';

export interface UsageTotals {
  requests: number;
  promptTokens: number;
  completionTokens: number;
  totalTokens: number;
  costUsd: number;
}

export interface UsageSummary {
  since: string | null;
  totals: UsageTotals;
  byModel: (UsageTotals & { model: string })[];
}

interface SummaryRow {
  model: string | null;
  requests: string;
  prompt_tokens: string | null;
  completion_tokens: string | null;
  total_tokens: string | null;
  cost_usd: string | null;
}

const toTotals = (row: SummaryRow | undefined): UsageTotals => ({
  requests: Number(row?.requests ?? 0),
  promptTokens: Number(row?.prompt_tokens ?? 0),
  completionTokens: Number(row?.completion_tokens ?? 0),
  totalTokens: Number(row?.total_tokens ?? 0),
  costUsd: Number(row?.cost_usd ?? 0),
});

@Injectable()
export class StatsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** Totals and a per-model breakdown (most expensive first), in one pass over usage_records. */
  async summary(query: StatsQuery): Promise<UsageSummary> {
    const rows: SummaryRow[] = await this.dataSource.query(
      `SELECT model, count(*) AS requests, sum(prompt_tokens) AS prompt_tokens,
              sum(completion_tokens) AS completion_tokens, sum(total_tokens) AS total_tokens,
              sum(cost_usd) AS cost_usd
         FROM usage_records
        WHERE $1::timestamptz IS NULL OR occurred_at >= $1::timestamptz
        GROUP BY ROLLUP (model)
        ORDER BY sum(cost_usd) DESC, model`,
      [query.since ?? null],
    );
    // ROLLUP adds the grand total as the row whose model is NULL (model itself is NOT NULL).
    const total = rows.find((r) => r.model === null);
    return {
      since: query.since?.toISOString() ?? null,
      totals: toTotals(total),
      byModel: rows
        .filter((r) => r.model !== null)
        .map((r) => ({ model: r.model as string, ...toTotals(r) })),
    };
  }
}
