import { Global, Inject, Injectable, Logger, Module, OnApplicationShutdown } from '@nestjs/common';
import Redis from 'ioredis';
import type { BaseEnv } from '../config/env';
import { ENV } from '../config/env.tokens';
import { redisOptionsFromUrl } from '../bus/redis-transport';

/** The service's command connection to Redis: counters, caches, stream appends. */
export const REDIS = Symbol('REDIS');

export function createRedisClient(env: Pick<BaseEnv, 'REDIS_URL' | 'REDIS_KEY_PREFIX'>, name: string): Redis {
  const redis = new Redis({
    ...redisOptionsFromUrl(env.REDIS_URL),
    keyPrefix: env.REDIS_KEY_PREFIX,
    connectionName: name,
    // Keep trying forever with a capped backoff; callers decide what to do while it is down.
    retryStrategy: (times) => Math.min(times * 200, 2000),
    maxRetriesPerRequest: 2,
    enableOfflineQueue: true,
  });
  // One line when the connection is lost and one when it is back, not one per reconnect attempt.
  const logger = new Logger(`Redis:${name}`);
  let lost = false;
  redis.on('error', (error: Error) => {
    if (lost) return;
    lost = true;
    logger.warn(`Redis unreachable (${error.message}); reconnecting`);
  });
  redis.on('ready', () => {
    if (lost) logger.log('Redis reachable again');
    lost = false;
  });
  return redis;
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
