import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity, numericTransformer } from './base.entity';
import { LLMConnection } from './llm-connection.entity';

/** A model callers can name: `name` is the public id, served by `upstreamModel` on a connection. */
@Entity('llms')
export class LLM extends BaseEntity {
  @Column({ type: 'varchar', length: 256, unique: true })
  name!: string;

  @ManyToOne(() => LLMConnection, { eager: true, nullable: false, onDelete: 'RESTRICT' })
  @JoinColumn({ name: 'connection_id' })
  connection!: LLMConnection;

  @Column({ type: 'varchar', length: 256, name: 'upstream_model' })
  upstreamModel!: string;

  @Column({ type: 'numeric', precision: 18, scale: 8, name: 'input_cost_per_1m', default: 0, transformer: numericTransformer })
  inputCostPer1M!: number;

  @Column({ type: 'numeric', precision: 18, scale: 8, name: 'output_cost_per_1m', default: 0, transformer: numericTransformer })
  outputCostPer1M!: number;

  @Column({ type: 'boolean', default: true })
  enabled!: boolean;
}
