import type { GatewayEndpoint } from '@llmgw/common';
import { BaseEntity, numericTransformer } from '@llmgw/common/entities';
import { Column, Entity, Index } from 'typeorm';

/** One model request as the gateway reported it (a UsageEvent), stored once per event id. */
@Entity('usage_records')
@Index('IDX_usage_records_occurred_at', ['occurredAt'])
@Index('IDX_usage_records_user_occurred_at', ['userId', 'occurredAt'])
@Index('IDX_usage_records_model_occurred_at', ['model', 'occurredAt'])
export class UsageRecord extends BaseEntity {
  @Column({ type: 'varchar', length: 128, name: 'event_id', unique: true })
  eventId!: string;

  @Column({ type: 'varchar', length: 128, name: 'request_id' })
  requestId!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'uuid', name: 'user_id' })
  userId!: string;

  @Column({ type: 'uuid', name: 'api_key_id' })
  apiKeyId!: string;

  @Column({ type: 'uuid', name: 'team_id', nullable: true })
  teamId!: string | null;

  @Column({ type: 'varchar', length: 64 })
  endpoint!: GatewayEndpoint;

  @Column({ type: 'varchar', length: 256 })
  model!: string;

  @Column({ type: 'varchar', length: 256, name: 'upstream_model', nullable: true })
  upstreamModel!: string | null;

  @Column({ type: 'varchar', length: 64, nullable: true })
  provider!: string | null;

  @Column({ type: 'uuid', name: 'connection_id', nullable: true })
  connectionId!: string | null;

  @Column({ type: 'boolean' })
  stream!: boolean;

  @Column({ type: 'integer', name: 'prompt_tokens' })
  promptTokens!: number;

  @Column({ type: 'integer', name: 'completion_tokens' })
  completionTokens!: number;

  @Column({ type: 'integer', name: 'total_tokens' })
  totalTokens!: number;

  @Column({ type: 'integer', name: 'cached_tokens' })
  cachedTokens!: number;

  @Column({ type: 'integer', name: 'reasoning_tokens' })
  reasoningTokens!: number;

  @Column({
    type: 'numeric',
    precision: 18,
    scale: 8,
    name: 'cost_usd',
    transformer: numericTransformer,
  })
  costUsd!: number;

  @Column({ type: 'integer', name: 'latency_ms' })
  latencyMs!: number;

  @Column({ type: 'smallint' })
  status!: number;

  @Column({ type: 'varchar', length: 128, name: 'error_code', nullable: true })
  errorCode!: string | null;
}
