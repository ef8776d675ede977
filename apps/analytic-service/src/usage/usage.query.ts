import type { AuthenticatedUser } from '@llmgw/common/guards';
import Joi from 'joi';
import { UsageException } from './usage.exception';

export interface UsageQuery {
  limit: number;
  userId?: string;
  model?: string;
  since?: Date;
}

export const DEFAULT_USAGE_LIMIT = 50;
export const MAX_USAGE_LIMIT = 1000;

/** `?limit=&userId=&model=&since=` of GET /admin/api/usage; unknown parameters are an error, not ignored. */
export const usageQuerySchema = Joi.object<UsageQuery>({
  limit: Joi.number().integer().min(1).max(MAX_USAGE_LIMIT).default(DEFAULT_USAGE_LIMIT),
  userId: Joi.string().guid(),
  model: Joi.string().min(1).max(256),
  since: Joi.date().iso(),
});

/** Admins read anyone's usage; a user reads only their own, whatever they asked for. */
export function scopeUsageQuery(query: UsageQuery, caller: AuthenticatedUser): UsageQuery {
  if (caller.role === 'admin') return query;
  if (query.userId !== undefined && query.userId !== caller.userId)
    throw UsageException.otherUsersUsage();
  return { ...query, userId: caller.userId };
}
