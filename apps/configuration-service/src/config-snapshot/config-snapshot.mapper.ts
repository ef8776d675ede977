import type { ConfigSnapshot, ModelSnapshot } from '@llmgw/common';
import type { LLM } from '@llmgw/common/entities';

/** One model as the gateway sees it. The connection's API key stays sealed: the gateway opens it. */
export function toModelSnapshot(llm: LLM): ModelSnapshot {
  const { connection } = llm;
  return {
    id: llm.id,
    name: llm.name,
    upstreamModel: llm.upstreamModel,
    inputCostPer1M: Number(llm.inputCostPer1M),
    outputCostPer1M: Number(llm.outputCostPer1M),
    enabled: llm.enabled,
    createdAt: llm.createdAt.toISOString(),
    connection: {
      id: connection.id,
      name: connection.name,
      provider: connection.provider,
      baseUrl: connection.baseUrl,
      apiKeyEncrypted: connection.apiKeyEncrypted,
    },
  };
}

export function toConfigSnapshot(version: number, llms: LLM[]): ConfigSnapshot {
  return { version, models: llms.map(toModelSnapshot) };
}
