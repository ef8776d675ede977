import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, numericTransformer } from './base.entity';

export type RateLimitScope = 'global' | 'team' | 'user' | 'api-key' | 'model';

/** A limit policy. A null limit means "no limit on that dimension". */
@Entity('rate_limits')
@Index(['scope', 'subject'], { unique: true })
export class RateLimit extends BaseEntity {
  @Column({ type: 'varchar', length: 16 })
  scope!: RateLimitScope;

  /** The id (or model name) the policy applies to; '*' for global. */
  @Column({ type: 'varchar', length: 256 })
  subject!: string;

  @Column({ type: 'integer', name: 'requests_per_minute', nullable: true })
  requestsPerMinute!: number | null;

  @Column({ type: 'integer', name: 'tokens_per_minute', nullable: true })
  tokensPerMinute!: number | null;

  @Column({ type: 'integer', name: 'max_concurrent', nullable: true })
  maxConcurrent!: number | null;

  @Column({ type: 'bigint', name: 'daily_tokens', nullable: true, transformer: numericTransformer })
  dailyTokens!: number | null;

  @Column({ type: 'numeric', precision: 18, scale: 8, name: 'budget_usd', nullable: true, transformer: numericTransformer })
  budgetUsd!: number | null;
}
