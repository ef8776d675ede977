import { DynamicModule, Global, Module } from '@nestjs/common';
import { BusModule } from '../bus/bus.module';
import type { BaseEnv } from '../config/env';
import { ENV, SERVICE_NAME } from '../config/env.tokens';
import { createLoggerModule } from '../logger/logger.module';
import { MetricsModule } from '../metrics/metrics.module';
import { RedisModule } from '../redis/redis.module';

/** What every service has: its validated env, logging, metrics, Redis and the RPC client. */
@Global()
@Module({})
export class CoreModule {
  static forRoot(service: string, env: BaseEnv): DynamicModule {
    return {
      module: CoreModule,
      imports: [createLoggerModule(service, env), RedisModule, BusModule, MetricsModule],
      providers: [
        { provide: ENV, useValue: env },
        { provide: SERVICE_NAME, useValue: service },
      ],
      exports: [ENV, SERVICE_NAME],
    };
  }
}
