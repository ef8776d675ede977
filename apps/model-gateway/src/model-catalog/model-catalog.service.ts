import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { ConfigRpc, SecretBox, type ConfigSnapshot, type ModelSnapshot } from '@llmgw/common';
import { RpcClient } from '@llmgw/common/bus';
import { ENV } from '@llmgw/common/config';
import { REDIS } from '@llmgw/common/redis';
import type { ProviderTarget } from '@llmgw/llm-providers';
import type { GatewayEnv } from '../env.schema';

/** A model as the hot path needs it: where to send it and what it costs. Secrets already opened. */
export interface ModelDeployment {
  name: string;
  llmId: string;
  connectionId: string;
  target: ProviderTarget;
  inputCostPer1M: number;
  outputCostPer1M: number;
  created: number;
}

/**
 * The in-memory config snapshot: models by public name. Loaded over RPC at boot and refreshed
 * when configuration-service broadcasts `config.changed`, or when the periodic check of the
 * version in Redis shows a newer one (a missed broadcast heals within CONFIG_RECHECK_MS). The
 * request path only reads the Map: no RPC, no database.
 */
@Injectable()
export class ModelCatalog implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ModelCatalog.name);
  private readonly secrets: SecretBox;
  private models = new Map<string, ModelDeployment>();
  private currentVersion = 0;
  private refreshing: Promise<void> | null = null;
  private pendingVersion = 0;
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly rpc: RpcClient,
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ENV) private readonly env: GatewayEnv,
  ) {
    this.secrets = new SecretBox(env.CONFIG_ENCRYPTION_KEY);
  }

  get version(): number {
    return this.currentVersion;
  }

  get loaded(): boolean {
    return this.currentVersion > 0;
  }

  resolve(name: string): ModelDeployment | undefined {
    return this.models.get(name);
  }

  list(): ModelDeployment[] {
    return [...this.models.values()];
  }

  onApplicationBootstrap(): void {
    // Not awaited: the service starts without configuration-service and reports not-ready until loaded.
    void this.refresh(0);
    this.timer = setInterval(() => void this.recheck(), this.env.CONFIG_RECHECK_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  /** A broadcast or a re-check saw `version`; fetch the snapshot unless we already have it. */
  async refresh(version: number): Promise<void> {
    if (version !== 0 && version <= this.currentVersion) return;
    this.pendingVersion = Math.max(this.pendingVersion, version);
    if (this.refreshing) return this.refreshing;
    this.refreshing = this.load().finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  private async load(): Promise<void> {
    for (let attempt = 0; ; attempt++) {
      try {
        // Short first tries: at boot configuration-service may not listen yet, and a call sent
        // before it subscribed is never answered.
        const snapshot = await this.rpc.send(ConfigRpc.snapshotGet, {}, { timeoutMs: this.loaded ? undefined : 1000 });
        this.apply(snapshot);
        // A newer version announced while we were loading: load again.
        if (this.pendingVersion > this.currentVersion) continue;
        return;
      } catch (error) {
        if (this.loaded && attempt >= 2) {
          this.logger.warn(`Config refresh failed (${(error as Error).message}); keeping version ${this.currentVersion}`);
          return;
        }
        if (attempt % 10 === 0) this.logger.warn(`Waiting for configuration-service: ${(error as Error).message}`);
        await new Promise((r) => setTimeout(r, Math.min(250 * 2 ** Math.min(attempt, 4), 4000)));
      }
    }
  }

  private apply(snapshot: ConfigSnapshot): void {
    if (snapshot.version < this.currentVersion) return;
    const next = new Map<string, ModelDeployment>();
    for (const model of snapshot.models) {
      if (!model.enabled) continue;
      const deployment = this.toDeployment(model);
      if (deployment) next.set(model.name, deployment);
    }
    this.models = next;
    this.currentVersion = snapshot.version;
    this.logger.log(`Config version ${snapshot.version}: ${next.size} models`);
  }

  private toDeployment(model: ModelSnapshot): ModelDeployment | null {
    let apiKey: string | null = null;
    if (model.connection.apiKeyEncrypted) {
      try {
        apiKey = this.secrets.open(model.connection.apiKeyEncrypted);
      } catch {
        this.logger.error(`Cannot decrypt the API key of connection ${model.connection.name}; is CONFIG_ENCRYPTION_KEY the same as configuration-service's?`);
        return null;
      }
    }
    return {
      name: model.name,
      llmId: model.id,
      connectionId: model.connection.id,
      target: {
        provider: model.connection.provider,
        baseUrl: model.connection.baseUrl,
        apiKey,
        upstreamModel: model.upstreamModel,
      },
      inputCostPer1M: model.inputCostPer1M,
      outputCostPer1M: model.outputCostPer1M,
      created: Math.floor(new Date(model.createdAt).getTime() / 1000) || 0,
    };
  }

  private async recheck(): Promise<void> {
    try {
      const version = Number(await this.redis.get('config:version'));
      if (Number.isFinite(version) && version > this.currentVersion) await this.refresh(version);
    } catch {
      // Redis down: keep serving the snapshot we have.
    }
  }
}
