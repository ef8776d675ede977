import { CurrentUser, type AuthenticatedUser } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { Controller, Get, Query } from '@nestjs/common';
import { usageQuerySchema, type UsageQuery } from './usage.query';
import { UsageService, type UsageRecordView } from './usage.service';

/** Usage records, newest first. Admins see everyone's (filterable); users see their own. */
@Controller('admin/api/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  async list(
    @Query(validate(usageQuerySchema)) query: UsageQuery,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<{ data: UsageRecordView[] }> {
    return { data: await this.usage.list(query, caller) };
  }
}
