import { Column, Entity } from 'typeorm';
import type { ProviderKind } from '../contracts/config.contracts';
import { BaseEntity } from './base.entity';

/** Where and how to reach a provider. The API key is AES-256-GCM ciphertext, never returned. */
@Entity('llm_connections')
export class LLMConnection extends BaseEntity {
  @Column({ type: 'varchar', length: 128, unique: true })
  name!: string;

  @Column({ type: 'varchar', length: 32 })
  provider!: ProviderKind;

  @Column({ type: 'varchar', length: 2048, name: 'base_url', nullable: true })
  baseUrl!: string | null;

  @Column({ type: 'text', name: 'api_key_encrypted', nullable: true })
  apiKeyEncrypted!: string | null;
}
