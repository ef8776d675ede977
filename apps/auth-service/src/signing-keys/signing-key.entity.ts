import { Column, CreateDateColumn, Entity, PrimaryColumn } from 'typeorm';
import type { JWK } from 'jose';

/**
 * A key that signs access tokens. The public half is published in the JWKS; the private half never
 * leaves this service (stored plain, or sealed with SIGNING_KEY_ENCRYPTION_KEY when that is set).
 */
@Entity('signing_keys')
export class SigningKey {
  @PrimaryColumn({ type: 'varchar', length: 64 })
  kid!: string;

  @Column({ type: 'varchar', length: 16 })
  algorithm!: string;

  @Column({ type: 'jsonb', name: 'public_jwk' })
  publicJwk!: JWK;

  @Column({ type: 'jsonb', name: 'private_jwk', nullable: true })
  privateJwk!: JWK | null;

  @Column({ type: 'text', name: 'private_jwk_sealed', nullable: true })
  privateJwkSealed!: string | null;

  @CreateDateColumn({ type: 'timestamptz', name: 'created_at' })
  createdAt!: Date;
}
