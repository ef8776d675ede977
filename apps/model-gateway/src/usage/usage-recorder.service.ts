import { Injectable } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import { EventStreams, type ApiKeyPrincipal, type GatewayEndpoint } from '@llmgw/common';
import { EventPublisher } from '@llmgw/common/events';
import { MetricsRegistry } from '@llmgw/common/metrics';
import type { NormalizedUsage } from '@llmgw/llm-providers';
import type { ModelDeployment } from '../model-catalog/model-catalog.service';

/** The request's cost in USD, on every model API response (a trailer and an SSE comment on streams). */
export const COST_HEADER = 'x-llmgw-cost-usd';

/** What is known about a model request from its arrival on. */
export interface ModelRequestRecord {
  requestId: string;
  startedAt: number;
  occurredAt: string;
  principal: ApiKeyPrincipal;
  endpoint: GatewayEndpoint;
  model: string;
  stream: boolean;
  deployment?: ModelDeployment;
}

export interface ModelRequestOutcome {
  status: number;
  usage?: NormalizedUsage;
  errorCode?: string | null;
}

const ZERO_USAGE: NormalizedUsage = {
  prompt_tokens: 0,
  completion_tokens: 0,
  total_tokens: 0,
  prompt_tokens_details: { cached_tokens: 0 },
  completion_tokens_details: { reasoning_tokens: 0 },
};

/** USD from the model's price per 1M tokens; rounded to the 8 decimals the usage tables keep. */
export function costUsd(deployment: Pick<ModelDeployment, 'inputCostPer1M' | 'outputCostPer1M'> | undefined, usage: NormalizedUsage): number {
  if (!deployment) return 0;
  const raw = (usage.prompt_tokens * deployment.inputCostPer1M + usage.completion_tokens * deployment.outputCostPer1M) / 1_000_000;
  return Math.round(raw * 1e8) / 1e8;
}

export const formatCost = (cost: number): string => cost.toFixed(8);

/**
 * Settles a model request: one usage event on the durable stream, appended in the background
 * (EventPublisher batches and buffers; nothing here is awaited by the caller's response).
 */
@Injectable()
export class UsageRecorder {
  private readonly requests;
  private readonly tokens;

  constructor(
    private readonly publisher: EventPublisher,
    metrics: MetricsRegistry,
  ) {
    this.requests = metrics.counter('llm_requests_total', 'Model requests by model, endpoint and status', ['model', 'endpoint', 'status']);
    this.tokens = metrics.counter('llm_tokens_total', 'Tokens by model and direction', ['model', 'direction']);
  }

  settle(record: ModelRequestRecord, outcome: ModelRequestOutcome): number {
    const usage = outcome.usage ?? ZERO_USAGE;
    const cost = costUsd(record.deployment, usage);
    this.publisher.publish(EventStreams.usage, {
      eventId: randomUUID(),
      requestId: record.requestId,
      occurredAt: record.occurredAt,
      userId: record.principal.userId,
      apiKeyId: record.principal.keyId,
      teamId: record.principal.teamId,
      endpoint: record.endpoint,
      model: record.model,
      upstreamModel: record.deployment?.target.upstreamModel ?? null,
      provider: record.deployment?.target.provider ?? null,
      connectionId: record.deployment?.connectionId ?? null,
      stream: record.stream,
      promptTokens: usage.prompt_tokens,
      completionTokens: usage.completion_tokens,
      totalTokens: usage.total_tokens,
      cachedTokens: usage.prompt_tokens_details?.cached_tokens ?? 0,
      reasoningTokens: usage.completion_tokens_details?.reasoning_tokens ?? 0,
      costUsd: cost,
      latencyMs: Date.now() - record.startedAt,
      status: outcome.status,
      errorCode: outcome.errorCode ?? null,
    });
    this.requests.inc({ model: record.model, endpoint: record.endpoint, status: String(outcome.status) });
    if (usage.prompt_tokens > 0) this.tokens.inc({ model: record.model, direction: 'input' }, usage.prompt_tokens);
    if (usage.completion_tokens > 0) this.tokens.inc({ model: record.model, direction: 'output' }, usage.completion_tokens);
    return cost;
  }
}
