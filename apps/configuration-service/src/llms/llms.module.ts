import { Module } from '@nestjs/common';
import { ConfigSnapshotModule } from '../config-snapshot/config-snapshot.module';
import { LlmsController } from './llms.controller';
import { LlmsService } from './llms.service';

@Module({ imports: [ConfigSnapshotModule], controllers: [LlmsController], providers: [LlmsService] })
export class LlmsModule {}
