import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { UsageRecord } from './usage-record.entity';
import { UsageStreamConsumer } from './usage-stream.consumer';
import { UsageController } from './usage.controller';
import { UsageRepository } from './usage.repository';
import { UsageService } from './usage.service';

@Module({
  imports: [TypeOrmModule.forFeature([UsageRecord])],
  controllers: [UsageController],
  providers: [UsageRepository, UsageService, UsageStreamConsumer],
})
export class UsageModule {}
