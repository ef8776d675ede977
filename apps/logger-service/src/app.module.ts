import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@llmgw/common/bootstrap';
import { JwtAuthModule } from '@llmgw/common/guards';
import { HealthModule } from '@llmgw/common/health-check';
import { DatabaseModule } from '@llmgw/common/relational-database';
import { AuditLog } from './audit-logs/audit-log.entity';
import { AuditLogsModule } from './audit-logs/audit-logs.module';
import type { LoggerServiceEnv } from './env.schema';
import { CreateAuditLogs1795324698919 } from './migrations/1795324698919-create-audit-logs';
import { RetentionModule } from './retention/retention.module';

export const SERVICE = 'logger-service';

/** The audit log: consumes EventStreams.audit, answers searches, enforces retention. */
@Module({})
export class AppModule {
  static register(env: LoggerServiceEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(SERVICE, env),
        HealthModule.forRoot({ database: true }),
        DatabaseModule.forRoot({
          entities: [AuditLog],
          migrations: [CreateAuditLogs1795324698919],
          migrationsTableName: 'logger_service_migrations',
        }),
        JwtAuthModule,
        AuditLogsModule,
        RetentionModule,
      ],
    };
  }
}
