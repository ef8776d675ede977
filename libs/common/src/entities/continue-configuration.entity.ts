import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity';

/** A Continue IDE configuration template, rendered per user by continue-proxy. */
@Entity('continue_configurations')
export class ContinueConfiguration extends BaseEntity {
  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'uuid', name: 'team_id', nullable: true })
  teamId!: string | null;

  @Column({ type: 'jsonb', default: () => "'{}'::jsonb" })
  config!: Record<string, unknown>;

  @Column({ type: 'boolean', name: 'is_default', default: false })
  isDefault!: boolean;
}
