import { CurrentUser, type AuthenticatedUser } from '@llmgw/common/guards';
import { Controller, Get, Query } from '@nestjs/common';
import { parseDailyUsageQuery } from './daily-usage.query';
import { DailyUsageService, type DailyUsageView } from './daily-usage.service';

/** Per day, user, key and model totals. Admins see everyone's (filterable by user); users see their own. */
@Controller('admin/api/daily-usage')
export class DailyUsageController {
  constructor(private readonly dailyUsage: DailyUsageService) {}

  @Get()
  async list(
    @Query() raw: Record<string, unknown>,
    @CurrentUser() caller: AuthenticatedUser,
  ): Promise<{ day: string; data: DailyUsageView[] }> {
    const query = parseDailyUsageQuery(raw);
    return { day: query.day, data: await this.dailyUsage.list(query, caller) };
  }
}
