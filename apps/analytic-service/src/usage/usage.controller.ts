import { CurrentUser, type AuthenticatedUser } from '@llmgw/common/guards';
import { Controller, Get, Query } from '@nestjs/common';
import { parseUsageQuery } from './usage.query';
import { UsageService, type UsageRecordView } from './usage.service';

/** Usage records, newest first. Admins see everyone's (filterable); users see their own. */
@Controller('admin/api/usage')
export class UsageController {
  constructor(private readonly usage: UsageService) {}

  @Get()
  async list(
    @Query() query: Record<string, unknown>,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<{ data: UsageRecordView[] }> {
    return { data: await this.usage.list(parseUsageQuery(query), caller) };
  }
}
