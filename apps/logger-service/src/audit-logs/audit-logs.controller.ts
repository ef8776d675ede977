import { Roles } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { Controller, Get, Query } from '@nestjs/common';
import { auditLogQuerySchema, type AuditLogQuery } from './audit-logs.query';
import { AuditLogsService, type AuditLogView } from './audit-logs.service';

/** The audit log, newest first, filterable by user and status. */
@Roles('admin')
@Controller('admin/api/logs')
export class AuditLogsController {
  constructor(private readonly auditLogs: AuditLogsService) {}

  @Get()
  async list(
    @Query(validate(auditLogQuerySchema)) query: AuditLogQuery,
  ): Promise<{ data: AuditLogView[] }> {
    return { data: await this.auditLogs.list(query) };
  }
}
