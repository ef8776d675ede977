import { Module } from '@nestjs/common';
import { SettingsModule } from '../settings/settings.module';
import { ConfigChangeService } from './config-change.service';
import { ConfigController } from './config.controller';
import { ConfigSnapshotRpcController } from './config-snapshot.rpc.controller';
import { ConfigSnapshotService } from './config-snapshot.service';
import { ConfigVersionPublisher } from './config-version.publisher';

/** The configuration version, the snapshot the gateways load, and the announcement of every change. */
@Module({
  imports: [SettingsModule],
  controllers: [ConfigController, ConfigSnapshotRpcController],
  providers: [ConfigChangeService, ConfigSnapshotService, ConfigVersionPublisher],
  exports: [ConfigChangeService],
})
export class ConfigSnapshotModule {}
