const DAY_MS = 24 * 60 * 60 * 1000;

/** Logs that occurred before this instant are past retention. */
export const retentionCutoff = (now: Date, retentionDays: number): Date =>
  new Date(now.getTime() - retentionDays * DAY_MS);
