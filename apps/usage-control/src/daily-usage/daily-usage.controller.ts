import { CurrentUser, type AuthenticatedUser } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { Controller, Get, Query } from '@nestjs/common';
import { dailyUsageQuerySchema, type DailyUsageQuery } from './daily-usage.query';
import { DailyUsageService, type DailyUsageView } from './daily-usage.service';

/** Per day, user, key and model totals. Admins see everyone's (filterable by user); users see their own. */
@Controller('admin/api/daily-usage')
export class DailyUsageController {
  constructor(private readonly dailyUsage: DailyUsageService) {}

  @Get()
  async list(
    @Query(validate(dailyUsageQuerySchema)) query: DailyUsageQuery,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<{ day: string; data: DailyUsageView[] }> {
    return { day: query.day, data: await this.dailyUsage.list(query, caller) };
  }
}
