import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@llmgw/common/bootstrap';
import { JwtAuthModule } from '@llmgw/common/guards';
import { HealthModule } from '@llmgw/common/health-check';
import { DatabaseModule } from '@llmgw/common/relational-database';
import type { AnalyticServiceEnv } from './env.schema';
import { CreateUsageRecords1795324462334 } from './migrations/1795324462334-create-usage-records';
import { StatsModule } from './stats/stats.module';
import { UsageRecord } from './usage/usage-record.entity';
import { UsageModule } from './usage/usage.module';

export const SERVICE = 'analytic-service';

/** The usage events store: consumes EventStreams.usage, answers usage listings and stats. */
@Module({})
export class AppModule {
  static register(env: AnalyticServiceEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(SERVICE, env),
        HealthModule.forRoot({ database: true }),
        DatabaseModule.forRoot({
          entities: [UsageRecord],
          migrations: [CreateUsageRecords1795324462334],
          migrationsTableName: 'analytic_service_migrations',
        }),
        JwtAuthModule,
        UsageModule,
        StatsModule,
      ],
    };
  }
}
