import { Roles } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { CacheInterceptor } from '@nestjs/cache-manager';
import { Controller, Get, Query, UseInterceptors } from '@nestjs/common';
import { statsQuerySchema, type StatsQuery } from './stats.query';
import { StatsService, type UsageSummary } from './stats.service';

@Roles('admin')
@Controller('admin/api/stats')
export class StatsController {
  constructor(private readonly stats: StatsService) {}

  /** Requests, tokens and cost since `since` (ISO), in total and per model; at most STATS_CACHE_TTL_MS old. */
  @Get('summary')
  @UseInterceptors(CacheInterceptor)
  summary(@Query(validate(statsQuerySchema)) query: StatsQuery): Promise<UsageSummary> {
    return this.stats.summary(query);
  }
}
