import type { AuthenticatedUser } from '@llmgw/common/guards';
import Joi from 'joi';
import { utcDay } from './daily-usage.aggregate';
import { DailyUsageException } from './daily-usage.exception';

export interface DailyUsageQuery {
  /** UTC date, YYYY-MM-DD; today (UTC) when absent. */
  day: string;
  userId?: string;
}

const isCalendarDate = (value: string): boolean => {
  const date = new Date(`${value}T00:00:00Z`);
  return !Number.isNaN(date.getTime()) && date.toISOString().slice(0, 10) === value;
};

/** `?day=YYYY-MM-DD&userId=` of GET /admin/api/daily-usage; unknown parameters are an error. */
export const dailyUsageQuerySchema = Joi.object<DailyUsageQuery>({
  day: Joi.string()
    .custom((value: string, helpers) => {
      if (!/^\d{4}-\d{2}-\d{2}$/.test(value)) return helpers.error('date.dayFormat');
      return isCalendarDate(value) ? value : helpers.error('date.calendar');
    })
    .messages({
      'date.dayFormat': '"day" must be a date as YYYY-MM-DD',
      'date.calendar': '"day" is not a calendar date',
    })
    .default(() => utcDay(new Date().toISOString())),
  userId: Joi.string().guid(),
});

/** Admins read anyone's daily usage; a user reads only their own. */
export function scopeDailyUsageQuery(
  query: DailyUsageQuery,
  caller: AuthenticatedUser,
): DailyUsageQuery {
  if (caller.role === 'admin') return query;
  if (query.userId !== undefined && query.userId !== caller.userId)
    throw DailyUsageException.otherUsersUsage();
  return { ...query, userId: caller.userId };
}
