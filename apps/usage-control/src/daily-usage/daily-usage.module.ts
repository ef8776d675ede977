import { DailyUsageTracking } from '@llmgw/common/entities';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DailyUsageController } from './daily-usage.controller';
import { DailyUsageRepository } from './daily-usage.repository';
import { DailyUsageService } from './daily-usage.service';
import { UsageStreamConsumer } from './usage-stream.consumer';

@Module({
  imports: [TypeOrmModule.forFeature([DailyUsageTracking])],
  controllers: [DailyUsageController],
  providers: [DailyUsageRepository, DailyUsageService, UsageStreamConsumer],
})
export class DailyUsageModule {}
