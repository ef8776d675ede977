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
        // Reconnect for as long as it takes: a Redis blip must not leave the service without RPC.
        new NamespacedClientRedis(
          { ...redisOptionsFromUrl(env.REDIS_URL), retryAttempts: Number.MAX_SAFE_INTEGER, retryDelay: 1000 },
          env.BUS_NAMESPACE,
        ),
    },
    RpcClient,
  ],
  exports: [RpcClient],
})
export class BusModule {}
