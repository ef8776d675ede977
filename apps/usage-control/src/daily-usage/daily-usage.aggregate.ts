import type { UsageEvent } from '@llmgw/common';

/** The fields of a UsageEvent that daily usage is built from. */
export type DailyUsageEvent = Pick<
  UsageEvent,
  | 'eventId'
  | 'occurredAt'
  | 'userId'
  | 'apiKeyId'
  | 'teamId'
  | 'model'
  | 'promptTokens'
  | 'completionTokens'
  | 'costUsd'
>;

/** What one batch adds to one daily_usage_tracking row. */
export interface DailyUsageDelta {
  /** UTC date, YYYY-MM-DD. */
  day: string;
  userId: string;
  apiKeyId: string;
  teamId: string | null;
  model: string;
  requests: number;
  promptTokens: number;
  completionTokens: number;
  costUsd: number;
}

/** The UTC calendar day of an ISO timestamp. */
export const utcDay = (iso: string): string => new Date(iso).toISOString().slice(0, 10);

/** The first event of each id among `ids`, in batch order: an id repeated in the batch counts once. */
export function firstOfEach(
  events: DailyUsageEvent[],
  ids: ReadonlySet<string>,
): DailyUsageEvent[] {
  const seen = new Set<string>();
  return events.filter((event) => {
    if (!ids.has(event.eventId) || seen.has(event.eventId)) return false;
    seen.add(event.eventId);
    return true;
  });
}

/**
 * Groups events by the row they update: (UTC day, user, key, model), the unique key of
 * daily_usage_tracking. The team is not part of that key; the last event's team wins. Rows come
 * back sorted by key so concurrent replicas lock them in the same order.
 */
export function aggregateDailyUsage(events: DailyUsageEvent[]): DailyUsageDelta[] {
  const rows = new Map<string, DailyUsageDelta>();
  for (const event of events) {
    const day = utcDay(event.occurredAt);
    const key = [day, event.userId, event.apiKeyId, event.model].join('\u0000');
    const row = rows.get(key) ?? {
      day,
      userId: event.userId,
      apiKeyId: event.apiKeyId,
      teamId: null,
      model: event.model,
      requests: 0,
      promptTokens: 0,
      completionTokens: 0,
      costUsd: 0,
    };
    row.teamId = event.teamId;
    row.requests += 1;
    row.promptTokens += event.promptTokens;
    row.completionTokens += event.completionTokens;
    row.costUsd += event.costUsd;
    rows.set(key, row);
  }
  return [...rows.entries()].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0)).map(([, row]) => row);
}
