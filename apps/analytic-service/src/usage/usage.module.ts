import { EventStreams } from '@llmgw/common';
import { streamConsumerFor } from '@llmgw/common/events';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsageRecord } from './usage-record.entity';
import { UsageController } from './usage.controller';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';

@Module({
  imports: [TypeOrmModule.forFeature([UsageRecord])],
  controllers: [UsageController],
  providers: [UsageRepository, UsageService, streamConsumerFor(EventStreams.usage, UsageService)],
})
export class UsageModule {}
