import { Column, Entity, JoinColumn, ManyToOne } from 'typeorm';
import { BaseEntity } from './base.entity';
import { Role } from './role.entity';
import { Team } from './team.entity';

@Entity('users')
export class User extends BaseEntity {
  @Column({ type: 'varchar', length: 320, unique: true })
  email!: string;

  @Column({ type: 'varchar', length: 255, name: 'password_hash' })
  passwordHash!: string;

  @ManyToOne(() => Role, { eager: true, nullable: false })
  @JoinColumn({ name: 'role_id' })
  role!: Role;

  @ManyToOne(() => Team, { eager: true, nullable: true, onDelete: 'SET NULL' })
  @JoinColumn({ name: 'team_id' })
  team!: Team | null;

  @Column({ type: 'boolean', default: true })
  active!: boolean;
}
