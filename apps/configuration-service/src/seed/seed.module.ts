import { Module } from '@nestjs/common';
import { ConfigSnapshotModule } from '../config-snapshot/config-snapshot.module';
import { SettingsModule } from '../settings/settings.module';
import { DemoSeedService } from './demo-seed.service';

@Module({ imports: [ConfigSnapshotModule, SettingsModule], providers: [DemoSeedService] })
export class SeedModule {}
