import { Roles } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { Controller, Get, Query } from '@nestjs/common';
import { statsQuerySchema, type StatsQuery } from './stats.query';
import { StatsService, type UsageSummary } from './stats.service';

@Roles('admin')
@Controller('admin/api/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** Requests, tokens and cost since `since` (ISO), in total and per model. */
  @Get('summary')
  summary(@Query(validate(statsQuerySchema)) query: StatsQuery): Promise<UsageSummary> {
    return this.stats.summary(query);
  }
}
