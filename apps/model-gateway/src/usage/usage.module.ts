import { Module } from '@nestjs/common';
import { EventPublisher } from '@llmgw/common/events';
import { AuditTrail } from './audit-trail.service';
import { UsageRecorder } from './usage-recorder.service';

@Module({
  providers: [EventPublisher, UsageRecorder, AuditTrail],
  exports: [EventPublisher, UsageRecorder, AuditTrail],
})
export class UsageModule {}
