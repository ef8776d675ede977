import { Column, Entity, Index } from 'typeorm';
import { BaseEntity, numericTransformer } from './base.entity';

/** Per day, user, key and model: the running totals that limits and budgets are checked against. */
@Entity('daily_usage_tracking')
@Index(['day', 'userId', 'apiKeyId', 'model'], { unique: true })
export class DailyUsageTracking extends BaseEntity {
  @Column({ type: 'date' })
  day!: string;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @Column({ type: 'uuid', name: 'api_key_id' })
  apiKeyId!: string;

  @Column({ type: 'uuid', name: 'team_id', nullable: true })
  teamId!: string | null;

  @Column({ type: 'varchar', length: 256 })
  model!: string;

  @Column({ type: 'integer', default: 0 })
  requests!: number;

  @Column({ type: 'bigint', name: 'prompt_tokens', default: 0, transformer: numericTransformer })
  promptTokens!: number;

  @Column({ type: 'bigint', name: 'completion_tokens', default: 0, transformer: numericTransformer })
  completionTokens!: number;

  @Column({ type: 'numeric', precision: 18, scale: 8, name: 'cost_usd', default: 0, transformer: numericTransformer })
  costUsd!: number;
}
