import { createKeyv } from '@keyv/redis';
import { CacheModule } from '@nestjs/cache-manager';
import { Module } from '@nestjs/common';
import { ENV } from '@llmgw/common';
import type { AnalyticServiceEnv } from '../env.schema';
import { StatsController } from './stats.controller';
import { StatsService } from './stats.service';

/**
 * Summaries aggregate the whole usage table, so they are cached for STATS_CACHE_TTL_MS in Redis,
 * shared by every replica (cache-manager with @keyv/redis, the maintained successor of
 * cache-manager-redis-yet).
 */
@Module({
  imports: [
    CacheModule.registerAsync({
      inject: [ENV],
      useFactory: (env: AnalyticServiceEnv) => ({
        stores: [createKeyv(env.REDIS_URL, { namespace: `${env.REDIS_KEY_PREFIX}stats-cache` })],
        ttl: env.STATS_CACHE_TTL_MS,
      }),
    }),
  ],
  controllers: [StatsController],
  providers: [StatsService],
})
export class StatsModule {}
