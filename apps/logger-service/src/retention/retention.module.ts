import { Module } from '@nestjs/common';
import { AuditLogsModule } from '../audit-logs/audit-logs.module';
import { AuditRetentionService } from './retention.service';

@Module({ imports: [AuditLogsModule], providers: [AuditRetentionService] })
export class RetentionModule {}
