import { Column, Entity } from 'typeorm';
import type { UserRole } from '../contracts/auth.contracts';
import { BaseEntity } from './base.entity';

@Entity('roles')
export class Role extends BaseEntity {
  @Column({ type: 'varchar', length: 32, unique: true })
  name!: UserRole;

  @Column({ type: 'varchar', length: 255, default: '' })
  description!: string;
}
