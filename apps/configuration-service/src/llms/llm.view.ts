import type { ProviderKind } from '@llmgw/common';
import type { LLM } from '@llmgw/common/entities';

/** An LLM as the admin API shows it, with a summary of its connection (never its API key). */
export interface LlmView {
  id: string;
  name: string;
  connectionId: string;
  connection: { id: string; name: string; provider: ProviderKind };
  upstreamModel: string;
  inputCostPer1M: number;
  outputCostPer1M: number;
  enabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export const toLlmView = (llm: LLM): LlmView => ({
  id: llm.id,
  name: llm.name,
  connectionId: llm.connection.id,
  connection: { id: llm.connection.id, name: llm.connection.name, provider: llm.connection.provider },
  upstreamModel: llm.upstreamModel,
  inputCostPer1M: Number(llm.inputCostPer1M),
  outputCostPer1M: Number(llm.outputCostPer1M),
  enabled: llm.enabled,
  createdAt: llm.createdAt.toISOString(),
  updatedAt: llm.updatedAt.toISOString(),
});
