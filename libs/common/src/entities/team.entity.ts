import { Column, Entity } from 'typeorm';
import { BaseEntity } from './base.entity';

@Entity('teams')
export class Team extends BaseEntity {
  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;
}
