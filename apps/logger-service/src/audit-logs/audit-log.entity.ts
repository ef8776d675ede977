import { BaseEntity } from '@llmgw/common/entities';
import { Column, Entity, Index } from 'typeorm';

/** One authenticated gateway request (an AuditEvent), stored once per event id. */
@Entity('audit_logs')
@Index('IDX_audit_logs_occurred_at', ['occurredAt'])
@Index('IDX_audit_logs_user_occurred_at', ['userId', 'occurredAt'])
export class AuditLog extends BaseEntity {
  @Column({ type: 'varchar', length: 128, name: 'event_id', unique: true })
  eventId!: string;

  @Column({ type: 'varchar', length: 128, name: 'request_id' })
  requestId!: string;

  @Column({ type: 'timestamptz', name: 'occurred_at' })
  occurredAt!: Date;

  @Column({ type: 'varchar', length: 64 })
  service!: string;

  @Column({ type: 'uuid', name: 'user_id', nullable: true })
  userId!: string | null;

  @Column({ type: 'uuid', name: 'api_key_id', nullable: true })
  apiKeyId!: string | null;

  @Column({ type: 'uuid', name: 'team_id', nullable: true })
  teamId!: string | null;

  @Column({ type: 'varchar', length: 16 })
  method!: string;

  @Column({ type: 'text' })
  path!: string;

  @Column({ type: 'varchar', length: 256, nullable: true })
  model!: string | null;

  @Column({ type: 'smallint' })
  status!: number;

  @Column({ type: 'integer', name: 'latency_ms' })
  latencyMs!: number;

  @Column({ type: 'varchar', length: 64, name: 'client_ip', nullable: true })
  clientIp!: string | null;

  @Column({ type: 'text', name: 'user_agent', nullable: true })
  userAgent!: string | null;

  @Column({ type: 'text', name: 'error_message', nullable: true })
  errorMessage!: string | null;
}
