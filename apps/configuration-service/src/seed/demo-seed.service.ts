import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { ENV } from '@llmgw/common';
import { LLM, LLMConnection } from '@llmgw/common/entities';
import { ConfigChangeService } from '../config-snapshot/config-change.service';
import type { ConfigurationEnv } from '../env.schema';
import { SettingsRepository } from '../settings/settings.repository';

/** Settings key recording that the demo model was seeded (or found), so it is never seeded twice. */
export const DEMO_SEED_KEY = 'seed.demo-model';
export const DEMO_NAME = 'demo';

export interface DemoSeedRecord {
  seededAt: string;
  connectionId: string | null;
  llmId: string | null;
}

/**
 * On the first boot with DEMO_MODEL_ENABLED, adds a `demo` connection and a free `demo` model so a
 * fresh install answers at once. Recorded in settings: an admin who deletes them keeps them deleted.
 */
@Injectable()
export class DemoSeedService implements OnApplicationBootstrap {
  private readonly logger = new Logger(DemoSeedService.name);

  constructor(
    @Inject(ENV) private readonly env: Pick<ConfigurationEnv, 'DEMO_MODEL_ENABLED'>,
    private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
    private readonly changes: ConfigChangeService,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    if (!this.env.DEMO_MODEL_ENABLED) return;
    // The common case (already done) costs one read and no version bump.
    if (await this.settings.has(this.dataSource.manager, DEMO_SEED_KEY)) return;
    const record = await this.changes.apply((em) => this.seed(em));
    if (record?.llmId) this.logger.log('Seeded the demo connection and model');
  }

  /** Null when another replica recorded the seeding first. */
  private async seed(em: EntityManager): Promise<DemoSeedRecord | null> {
    const record: DemoSeedRecord = { seededAt: new Date().toISOString(), connectionId: null, llmId: null };
    if (!(await this.settings.claim(em, DEMO_SEED_KEY, record))) return null;
    const taken =
      (await em.existsBy(LLMConnection, { name: DEMO_NAME })) || (await em.existsBy(LLM, { name: DEMO_NAME }));
    if (taken) return record;
    const connection = await em.save(
      em.create(LLMConnection, { name: DEMO_NAME, provider: 'demo', baseUrl: null, apiKeyEncrypted: null }),
    );
    const llm = await em.save(
      em.create(LLM, {
        name: DEMO_NAME,
        connection,
        upstreamModel: DEMO_NAME,
        inputCostPer1M: 0,
        outputCostPer1M: 0,
        enabled: true,
      }),
    );
    const seeded = { ...record, connectionId: connection.id, llmId: llm.id };
    await this.settings.put(em, DEMO_SEED_KEY, seeded);
    return seeded;
  }
}
