import { Module } from '@nestjs/common';
import { EventPublisher } from '@llmgw/common/events';
import { AuditInterceptor } from './audit.interceptor';
import { UsageRecorder } from './usage-recorder.service';

@Module({
  providers: [EventPublisher, UsageRecorder, AuditInterceptor],
  exports: [EventPublisher, UsageRecorder, AuditInterceptor],
})
export class UsageModule {}
