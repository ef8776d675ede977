import { Injectable } from '@nestjs/common';
import { DataSource } from 'typeorm';
import type { ConfigSnapshot } from '@llmgw/common';
import { LLM } from '@llmgw/common/entities';
import { SettingsRepository } from '../settings/settings.repository';
import { toConfigSnapshot } from './config-snapshot.mapper';

@Injectable()
export class ConfigSnapshotService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
  ) {}

  /** The version and every model with its connection, read from one consistent view of the tables. */
  snapshot(): Promise<ConfigSnapshot> {
    return this.dataSource.transaction('REPEATABLE READ', async (em) => {
      const version = await this.settings.getConfigVersion(em);
      const llms = await em.find(LLM, { relations: { connection: true }, order: { name: 'ASC' } });
      return toConfigSnapshot(version, llms);
    });
  }
}
