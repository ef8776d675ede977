import { RateLimit, type RateLimitScope } from '@llmgw/common/entities';
import { REDIS } from '@llmgw/common/redis';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import type Redis from 'ioredis';
import { QueryFailedError, type Repository } from 'typeorm';
import { LimitsException } from './limits.exception';
import type { CreateRateLimit, UpdateRateLimit } from './limits.schema';

/** Bumped on every policy change; the gateway's admission script will reload limits when it moves. */
export const LIMITS_VERSION_KEY = 'limits:version';

export interface RateLimitView {
  id: string;
  scope: RateLimitScope;
  subject: string;
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  maxConcurrent: number | null;
  dailyTokens: number | null;
  budgetUsd: number | null;
  createdAt: string;
  updatedAt: string;
}

const isUniqueViolation = (error: unknown): boolean =>
  error instanceof QueryFailedError &&
  (error.driverError as { code?: string } | undefined)?.code === '23505';

@Injectable()
export class LimitsService {
  private readonly logger = new Logger(LimitsService.name);

  constructor(
    @InjectRepository(RateLimit) private readonly limits: Repository<RateLimit>,
    @Inject(REDIS) private readonly redis: Redis,
  ) {}

  async list(): Promise<RateLimitView[]> {
    const rows = await this.limits.find({ order: { scope: 'ASC', subject: 'ASC' } });
    return rows.map(toView);
  }

  async get(id: string): Promise<RateLimitView> {
    return toView(await this.findOrThrow(id));
  }

  async create(input: CreateRateLimit): Promise<RateLimitView> {
    let saved: RateLimit;
    try {
      saved = await this.limits.save(this.limits.create(input));
    } catch (error) {
      if (isUniqueViolation(error)) throw LimitsException.alreadyExists(input.scope, input.subject);
      throw error;
    }
    await this.bumpVersion();
    return toView(saved);
  }

  async update(id: string, changes: UpdateRateLimit): Promise<RateLimitView> {
    const existing = await this.findOrThrow(id);
    const saved = await this.limits.save(this.limits.merge(existing, changes));
    await this.bumpVersion();
    return toView(saved);
  }

  async remove(id: string): Promise<void> {
    const result = await this.limits.delete({ id });
    if (!result.affected) throw LimitsException.notFound(id);
    await this.bumpVersion();
  }

  private async findOrThrow(id: string): Promise<RateLimit> {
    const row = await this.limits.findOneBy({ id });
    if (!row) throw LimitsException.notFound(id);
    return row;
  }

  /** The change is committed either way; a missed bump is logged (enforcement arrives with its own issue). */
  private async bumpVersion(): Promise<void> {
    try {
      await this.redis.incr(LIMITS_VERSION_KEY);
    } catch (error) {
      this.logger.error(
        `Rate-limit policy changed but ${LIMITS_VERSION_KEY} could not be bumped: ${(error as Error).message}`,
      );
    }
  }
}

const toView = (row: RateLimit): RateLimitView => ({
  id: row.id,
  scope: row.scope,
  subject: row.subject,
  requestsPerMinute: row.requestsPerMinute,
  tokensPerMinute: row.tokensPerMinute,
  maxConcurrent: row.maxConcurrent,
  dailyTokens: row.dailyTokens,
  budgetUsd: row.budgetUsd,
  createdAt: row.createdAt.toISOString(),
  updatedAt: row.updatedAt.toISOString(),
});
