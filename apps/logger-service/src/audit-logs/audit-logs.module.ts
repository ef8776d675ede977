import { ENV, EventStreams } from '@llmgw/common';
import { streamConsumerFor } from '@llmgw/common/events';
import { Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import type { LoggerServiceEnv } from '../env.schema';
import { AuditLog } from './audit-log.entity';
import { AuditLogStore } from './audit-log.store';
import { AuditLogsController } from './audit-logs.controller';
import { AuditLogsService } from './audit-logs.service';
import { PostgresAuditLogStore } from './postgres-audit-log.store';

@Module({
  imports: [TypeOrmModule.forFeature([AuditLog])],
  controllers: [AuditLogsController],
  providers: [
    PostgresAuditLogStore,
    {
      // The extension point for a MongoDB store: choose it here when MONGODB_URI is set.
      provide: AuditLogStore,
      inject: [ENV, PostgresAuditLogStore],
      useFactory: (env: LoggerServiceEnv, postgres: PostgresAuditLogStore): AuditLogStore => {
        if (env.MONGODB_URI) {
          new Logger('AuditLogsModule').warn(
            'MONGODB_URI is set, but audit logs are stored in PostgreSQL (no MongoDB store yet)',
          );
        }
        return postgres;
      },
    },
    AuditLogsService,
    streamConsumerFor(EventStreams.audit, AuditLogsService),
  ],
  exports: [AuditLogStore],
})
export class AuditLogsModule {}
