import { Inject, Injectable, Logger, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import { DataSource } from 'typeorm';
import { ConfigBroadcasts } from '@llmgw/common';
import { RpcClient } from '@llmgw/common/bus';
import { REDIS } from '@llmgw/common/redis';
import { SettingsRepository } from '../settings/settings.repository';

/** Redis key (under REDIS_KEY_PREFIX) that gateways poll to notice a change whose broadcast they missed. */
export const CONFIG_VERSION_REDIS_KEY = 'config:version';

/** How often the version in Redis is re-synced from PostgreSQL, healing a write lost while Redis was down. */
const RESYNC_INTERVAL_MS = 5_000;
/** An announcement never holds an admin request longer than this, even with Redis down. */
const ANNOUNCE_TIMEOUT_MS = 1_000;

/** Sets the key only when the new version is higher, so out-of-order writers never move it back. */
const SET_IF_HIGHER = `
local current = tonumber(redis.call('GET', KEYS[1]) or '0') or 0
if tonumber(ARGV[1]) > current then
  redis.call('SET', KEYS[1], ARGV[1])
  return 1
end
return 0`;

const withTimeout = <T>(promise: Promise<T>, ms: number, what: string): Promise<T> =>
  new Promise<T>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`${what} timed out after ${ms} ms`)), ms);
    timer.unref();
    promise.then(
      (value) => {
        clearTimeout(timer);
        resolve(value);
      },
      (error: unknown) => {
        clearTimeout(timer);
        reject(error instanceof Error ? error : new Error(String(error)));
      },
    );
  });

/**
 * Tells every gateway that the configuration changed: a `config.changed` broadcast (fast path) and
 * the `config:version` key in Redis (the slow path gateways re-check, so a missed broadcast heals).
 * The change is already committed when this runs; a failure here is logged, never thrown.
 */
@Injectable()
export class ConfigVersionPublisher implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly logger = new Logger(ConfigVersionPublisher.name);
  private timer: NodeJS.Timeout | null = null;

  constructor(
    private readonly dataSource: DataSource,
    private readonly settings: SettingsRepository,
    private readonly rpc: RpcClient,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async announce(version: number): Promise<void> {
    const [broadcast, stored] = await Promise.allSettled([
      withTimeout(this.rpc.emit(ConfigBroadcasts.changed, { version }), ANNOUNCE_TIMEOUT_MS, 'config.changed broadcast'),
      withTimeout(this.storeIfHigher(version), ANNOUNCE_TIMEOUT_MS, 'config:version write'),
    ]);
    if (broadcast.status === 'rejected') {
      this.logger.warn(`Could not broadcast config version ${version}: ${String(broadcast.reason)}`);
    }
    if (stored.status === 'rejected') {
      this.logger.warn(`Could not write config version ${version} to Redis: ${String(stored.reason)}`);
    }
  }

  /** At boot PostgreSQL is the authority: the key takes its version even if Redis held a higher one. */
  async onApplicationBootstrap(): Promise<void> {
    try {
      const version = await this.settings.getConfigVersion(this.dataSource.manager);
      await withTimeout(this.redis.set(CONFIG_VERSION_REDIS_KEY, String(version)), ANNOUNCE_TIMEOUT_MS, 'config:version write');
      this.logger.log(`Config version ${version}`);
    } catch (error) {
      this.logger.warn(`Could not publish the config version at boot: ${(error as Error).message}`);
    }
    this.timer = setInterval(() => void this.resync(), RESYNC_INTERVAL_MS);
    this.timer.unref();
  }

  onApplicationShutdown(): void {
    if (this.timer) clearInterval(this.timer);
  }

  private async resync(): Promise<void> {
    try {
      await this.storeIfHigher(await this.settings.getConfigVersion(this.dataSource.manager));
    } catch {
      // PostgreSQL or Redis down: the next tick tries again; readiness reports the outage.
    }
  }

  private async storeIfHigher(version: number): Promise<void> {
    await this.redis.eval(SET_IF_HIGHER, 1, CONFIG_VERSION_REDIS_KEY, String(version));
  }
}
