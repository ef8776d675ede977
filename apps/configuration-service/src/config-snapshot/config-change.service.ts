import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SettingsRepository } from '../settings/settings.repository';
import { ConfigVersionPublisher } from './config-version.publisher';

/**
 * The one way to change configuration: the change and the `config.version` increment commit
 * together, and the new version is announced to the gateways after the commit.
 */
@Injectable()
export class ConfigChangeService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
    private readonly publisher: ConfigVersionPublisher,
  ) {}

  async apply<T>(change: (em: EntityManager) => Promise<T>): Promise<T> {
    const { result, version } = await this.dataSource.transaction(async (em) => {
      const changed = await change(em);
      return { result: changed, version: await this.settings.incrementConfigVersion(em) };
    });
    await this.publisher.announce(version);
    return result;
  }

  currentVersion(): Promise<number> {
    return this.settings.getConfigVersion(this.dataSource.manager);
  }
}
