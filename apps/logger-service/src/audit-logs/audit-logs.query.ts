import Joi from 'joi';

export interface AuditLogQuery {
  limit: number;
  userId?: string;
  status?: number;
}

export const DEFAULT_AUDIT_LIMIT = 50;
export const MAX_AUDIT_LIMIT = 1000;

/** `?limit=&userId=&status=` of GET /admin/api/logs; unknown parameters are an error, not ignored. */
export const auditLogQuerySchema = Joi.object<AuditLogQuery>({
  limit: Joi.number().integer().min(1).max(MAX_AUDIT_LIMIT).default(DEFAULT_AUDIT_LIMIT),
  userId: Joi.string().guid(),
  status: Joi.number().integer().min(100).max(599),
});
