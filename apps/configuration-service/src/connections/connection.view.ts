import type { ProviderKind } from '@llmgw/common';
import type { LLMConnection } from '@llmgw/common/entities';

/** A connection as the admin API shows it: whether it has an API key, never the key itself. */
export interface ConnectionView {
  id: string;
  name: string;
  provider: ProviderKind;
  baseUrl: string | null;
  hasApiKey: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toConnectionView = (connection: LLMConnection): ConnectionView => ({
  id: connection.id,
  name: connection.name,
  provider: connection.provider,
  baseUrl: connection.baseUrl,
  hasApiKey: connection.apiKeyEncrypted !== null && connection.apiKeyEncrypted !== '',
  createdAt: connection.createdAt.toISOString(),
  updatedAt: connection.updatedAt.toISOString(),
});
