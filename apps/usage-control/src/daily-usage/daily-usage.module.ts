import { EventStreams } from '@llmgw/common';
import { streamConsumerFor } from '@llmgw/common/events';
import { DailyUsageTracking } from '@llmgw/common/entities';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DailyUsageController } from './daily-usage.controller';
import { DailyUsageRepository } from './daily-usage.repository';
import { DailyUsageService } from './daily-usage.service';

@Module({
  imports: [TypeOrmModule.forFeature([DailyUsageTracking])],
  controllers: [DailyUsageController],
  providers: [DailyUsageRepository, DailyUsageService, streamConsumerFor(EventStreams.usage, DailyUsageService)],
})
export class DailyUsageModule {}
