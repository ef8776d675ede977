import { RateLimit } from '@llmgw/common/entities';
import { Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { LimitsController } from './limits.controller';
import { LimitsService } from './limits.service';

@Module({
  imports: [TypeOrmModule.forFeature([RateLimit])],
  controllers: [LimitsController],
  providers: [LimitsService],
})
export class LimitsModule {}
