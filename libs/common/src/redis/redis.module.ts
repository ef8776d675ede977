import { Global, Inject, Injectable, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { BaseEnv } from '../config/env';
import { ENV } from '../config/env.tokens';
import { redisOptionsFromUrl } from '../bus/redis-transport';

/** The service's command connection to Redis: counters, caches, stream appends. */
export const REDIS = Symbol('REDIS');

export function createRedisClient(env: Pick<BaseEnv, 'REDIS_URL' | 'REDIS_KEY_PREFIX'>, name: string): Redis {
  return new Redis({
    ...redisOptionsFromUrl(env.REDIS_URL),
    keyPrefix: env.REDIS_KEY_PREFIX,
    connectionName: name,
    // Keep trying forever with a capped backoff; callers decide what to do while it is down.
    retryStrategy: (times) => Math.min(times * 200, 2000),
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
  });
}

@Injectable()
class RedisShutdown implements OnApplicationShutdown {
  constructor(@Inject(REDIS) private readonly redis: Redis) {}
  async onApplicationShutdown(): Promise<void> {
    await this.redis.quit().catch(() => this.redis.disconnect());
  }
}

@Global()
@Module({
  providers: [
    { provide: REDIS, inject: [ENV], useFactory: (env: BaseEnv) => createRedisClient(env, 'llmgw') },
    RedisShutdown,
  ],
  exports: [REDIS],
})
export class RedisModule {}
