import { Roles } from '@llmgw/common/guards';
import { Controller, Get, Query } from '@nestjs/common';
import { parseStatsQuery } from './stats.query';
import { StatsService, type UsageSummary } from './stats.service';

@Roles('admin')
@Controller('admin/api/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** Requests, tokens and cost since `since` (ISO), in total and per model. */
  @Get('summary')
  summary(@Query() query: Record<string, unknown>): Promise<UsageSummary> {
    return this.stats.summary(parseStatsQuery(query));
  }
}
