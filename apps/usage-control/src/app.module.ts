import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@llmgw/common/bootstrap';
import { DailyUsageTracking, RateLimit } from '@llmgw/common/entities';
import { JwtAuthModule } from '@llmgw/common/guards';
import { HealthModule } from '@llmgw/common/health-check';
import { DatabaseModule } from '@llmgw/common/relational-database';
import { DailyUsageModule } from './daily-usage/daily-usage.module';
import type { UsageControlEnv } from './env.schema';
import { LimitsModule } from './limits/limits.module';
import { CreateUsageControlTables1795324606201 } from './migrations/1795324606201-create-usage-control-tables';

export const SERVICE = 'usage-control';

/** Rate-limit policies and the daily usage totals that limits and budgets are checked against. */
@Module({})
export class AppModule {
  static register(env: UsageControlEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(SERVICE, env),
        HealthModule.forRoot({ database: true }),
        DatabaseModule.forRoot({
          entities: [RateLimit, DailyUsageTracking],
          migrations: [CreateUsageControlTables1795324606201],
          migrationsTableName: 'usage_control_migrations',
        }),
        JwtAuthModule,
        LimitsModule,
        DailyUsageModule,
      ],
    };
  }
}
