import { Controller, Get, Inject, Optional } from '@nestjs/common';
import { HealthCheck, HealthCheckService, HealthIndicatorFunction, HealthIndicatorService, TypeOrmHealthIndicator } from '@nestjs/terminus';
import type Redis from 'ioredis';
import { Public } from '../guards/public.decorator';
import { REDIS } from '../redis/redis.module';

/** Extra readiness checks a service adds (e.g. the gateway's config snapshot loaded). */
export const READINESS_CHECKS = Symbol('READINESS_CHECKS');
export interface ReadinessCheck {
  readonly name: string;
  /** Throw or return false when not ready; return a detail object to show it. */
  check(): Promise<boolean | Record<string, unknown>>;
}

export const HEALTH_OPTIONS = Symbol('HEALTH_OPTIONS');
export interface HealthOptions {
  database: boolean;
  /**
   * A service that keeps serving without Redis (the gateway: local caches, buffered events) stays
   * ready while Redis is down and reports `degraded` instead of taking itself out of rotation.
   */
  redisOptional?: boolean;
}

@Public()
@Controller('health')
export class HealthController {
  constructor(
    private readonly health: HealthCheckService,
    private readonly indicators: HealthIndicatorService,
    @Inject(HEALTH_OPTIONS) private readonly options: HealthOptions,
    @Inject(REDIS) private readonly redis: Redis,
    @Optional() private readonly typeorm?: TypeOrmHealthIndicator,
    @Optional() @Inject(READINESS_CHECKS) private readonly extra: ReadinessCheck[] = [],
  ) {}

  /** The process is up and its event loop answers. */
  @Get('live')
  live() {
    return { status: 'ok' };
  }

  /** Every dependency this service needs answers. */
  @Get('ready')
  @HealthCheck()
  ready() {
    const checks: HealthIndicatorFunction[] = [() => this.redisCheck()];
    if (this.options.database && this.typeorm) {
      const typeorm = this.typeorm;
      checks.push(() => typeorm.pingCheck('database', { timeout: 1500 }));
    }
    for (const readiness of this.extra ?? []) checks.push(() => this.extraCheck(readiness));
    return this.health.check(checks);
  }

  private async redisCheck() {
    const session = this.indicators.check('redis');
    try {
      const pong = await Promise.race([
        this.redis.ping(),
        new Promise<never>((_, reject) => setTimeout(() => reject(new Error('timeout')), 1000).unref()),
      ]);
      return pong === 'PONG' ? session.up() : session.down({ message: 'unexpected PING answer' });
    } catch (error) {
      const message = error instanceof Error ? error.message : String(error);
      return this.options.redisOptional ? session.up({ degraded: true, message }) : session.down({ message });
    }
  }

  private async extraCheck(readiness: ReadinessCheck) {
    const session = this.indicators.check(readiness.name);
    try {
      const result = await readiness.check();
      if (result === false) return session.down();
      return result === true ? session.up() : session.up(result);
    } catch (error) {
      return session.down({ message: error instanceof Error ? error.message : String(error) });
    }
  }
}
