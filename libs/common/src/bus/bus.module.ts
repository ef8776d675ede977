import { Global, Module } from '@nestjs/common';
import type { BaseEnv } from '../config/env';
import { ENV } from '../config/env.tokens';
import { NamespacedClientRedis, redisOptionsFromUrl } from './redis-transport';
import { BUS_CLIENT, RpcClient } from './rpc-client';

/** The Redis-transport client every service uses to call and broadcast. */
@Global()
@Module({
  providers: [
    {
      provide: BUS_CLIENT,
      inject: [ENV],
      useFactory: (env: BaseEnv) =>
        new NamespacedClientRedis({ ...redisOptionsFromUrl(env.REDIS_URL), retryAttempts: 0 }, env.BUS_NAMESPACE),
    },
    RpcClient,
  ],
  exports: [RpcClient],
})
export class BusModule {}
