import { broadcast, rpc } from './rpc';

/** Providers the gateway has an adapter for. OpenAI-compatible servers are pure configuration. */
export const PROVIDER_KINDS = ['openai', 'openai-compatible', 'litellm', 'vllm', 'demo'] as const;
export type ProviderKind = (typeof PROVIDER_KINDS)[number];

export interface ConnectionSnapshot {
  id: string;
  name: string;
  provider: ProviderKind;
  baseUrl: string | null;
  /** AES-256-GCM ciphertext (see crypto/secret-box); only holders of CONFIG_ENCRYPTION_KEY can read it. */
  apiKeyEncrypted: string | null;
}

export interface ModelSnapshot {
  id: string;
  /** The public model id callers use. */
  name: string;
  upstreamModel: string;
  inputCostPer1M: number;
  outputCostPer1M: number;
  enabled: boolean;
  /** ISO timestamp; the `created` of the model in GET /v1/models. */
  createdAt: string;
  connection: ConnectionSnapshot;
}

/** Everything the gateway needs to route requests, versioned so a missed broadcast heals. */
export interface ConfigSnapshot {
  version: number;
  models: ModelSnapshot[];
}

export interface ConfigChangedEvent {
  version: number;
}

export const ConfigRpc = {
  snapshotGet: rpc<Record<string, never>, ConfigSnapshot>('config.snapshot.get'),
} as const;

export const ConfigBroadcasts = {
  changed: broadcast<ConfigChangedEvent>('config.changed'),
} as const;
