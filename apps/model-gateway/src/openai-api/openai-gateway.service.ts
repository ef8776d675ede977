import { Inject, Injectable } from '@nestjs/common';
import type { Request, Response } from 'express';
import { once } from 'node:events';
import type { ApiKeyPrincipal, GatewayEndpoint } from '@llmgw/common';
import { ENV } from '@llmgw/common/config';
import {
  contentText,
  encodeSseComment,
  encodeSseEvent,
  estimateInputTokens,
  estimateTokens,
  isProviderError,
  normalizeUsage,
  parseChatCompletionRequest,
  parseCompletionRequest,
  parseEmbeddingsRequest,
  SSE_DONE,
  toBase64EmbeddingsResponse,
  type CallContext,
  type ChatCompletionChunk,
  type ChatCompletionRequest,
  type CompletionChunk,
  type CompletionRequest,
  type ModelList,
  type NormalizedUsage,
  type ParseResult,
  type ProviderAdapter,
  type ProviderRegistry,
  type Usage,
} from '@llmgw/llm-providers';
import type { GatewayEnv } from '../env.schema';
import { ModelCatalog, type ModelDeployment } from '../model-catalog/model-catalog.service';
import { PROVIDER_REGISTRY } from '../providers.token';
import { COST_HEADER, formatCost, UsageRecorder, type ModelRequestRecord } from '../usage/usage-recorder.service';
import { GatewayErrorCode, GatewayException } from './gateway.exception';
import { callWithRetries } from './model-call';

type StreamChunk = ChatCompletionChunk | CompletionChunk;

/**
 * The OpenAI-compatible model API: validate, resolve the model from the in-memory catalog, call
 * the provider's adapter (streams pass through chunk by chunk, with backpressure), then settle
 * the usage in the background. No database and no RPC on this path.
 */
@Injectable()
export class OpenAIGatewayService {
  constructor(
    private readonly catalog: ModelCatalog,
    private readonly usage: UsageRecorder,
    @Inject(PROVIDER_REGISTRY) private readonly providers: ProviderRegistry,
    @Inject(ENV) private readonly env: GatewayEnv,
  ) {}

  listModels(): ModelList {
    return { object: 'list', data: this.catalog.list().map((m) => this.toModel(m)) };
  }

  getModel(id: string) {
    const deployment = this.catalog.resolve(id);
    if (!deployment) throw this.modelNotFound(id);
    return this.toModel(deployment);
  }

  async chatCompletions(req: Request, res: Response, principal: ApiKeyPrincipal): Promise<void> {
    const body = this.parse(parseChatCompletionRequest(req.body), req, principal, 'chat.completions');
    await this.serve(req, res, principal, 'chat.completions', body, {
      once: (adapter, d, ctx) => adapter.chat(body, d.target, ctx),
      stream: (adapter, d, ctx) => adapter.chatStream(body, d.target, ctx),
      promptTokens: () => estimateTokens(body.messages.map((m) => contentText(m.content)).join('\n')),
      text: (chunk) => (chunk as ChatCompletionChunk).choices.map((c) => c.delta?.content ?? '').join(''),
    });
  }

  async completions(req: Request, res: Response, principal: ApiKeyPrincipal): Promise<void> {
    const body = this.parse(parseCompletionRequest(req.body), req, principal, 'completions');
    await this.serve(req, res, principal, 'completions', body, {
      once: (adapter, d, ctx) => adapter.completion(body, d.target, ctx),
      stream: (adapter, d, ctx) => adapter.completionStream(body, d.target, ctx),
      promptTokens: () => estimateInputTokens(body.prompt),
      text: (chunk) => (chunk as CompletionChunk).choices.map((c) => c.text ?? '').join(''),
    });
  }

  async embeddings(req: Request, res: Response, principal: ApiKeyPrincipal): Promise<void> {
    const body = this.parse(parseEmbeddingsRequest(req.body), req, principal, 'embeddings');
    const record = this.begin(req, principal, 'embeddings', body.model, false);
    const deployment = this.resolveFor(record, body.model);
    const { ctx, done } = this.callContext(req, res);
    try {
      const adapter = this.adapterFor(deployment);
      // Vectors come from upstream as floats; base64 (the official SDK's default) is encoded here.
      const result = await callWithRetries(
        () => adapter.embeddings({ ...body, encoding_format: 'float' }, deployment.target, ctx),
        this.env.UPSTREAM_RETRIES,
        ctx.signal,
      );
      result.model = deployment.name;
      const usage = normalizeUsage({ prompt_tokens: result.usage?.prompt_tokens, total_tokens: result.usage?.total_tokens });
      const cost = this.usage.settle(record, { status: 200, usage });
      res.setHeader(COST_HEADER, formatCost(cost));
      res.status(200).json(body.encoding_format === 'base64' ? toBase64EmbeddingsResponse(result) : result);
    } catch (error) {
      this.settleFailure(record, error, res);
      throw error;
    } finally {
      done();
    }
  }

  private async serve(
    req: Request,
    res: Response,
    principal: ApiKeyPrincipal,
    endpoint: GatewayEndpoint,
    body: ChatCompletionRequest | CompletionRequest,
    call: {
      once: (adapter: ProviderAdapter, d: ModelDeployment, ctx: CallContext) => Promise<{ model: string; usage?: Usage }>;
      stream: (adapter: ProviderAdapter, d: ModelDeployment, ctx: CallContext) => Promise<AsyncIterable<StreamChunk>>;
      promptTokens: () => number;
      text: (chunk: StreamChunk) => string;
    },
  ): Promise<void> {
    const record = this.begin(req, principal, endpoint, body.model, body.stream === true);
    const deployment = this.resolveFor(record, body.model);
    const { ctx, done } = this.callContext(req, res);
    try {
      const adapter = this.adapterFor(deployment);
      if (body.stream === true) {
        const chunks = await callWithRetries(() => call.stream(adapter, deployment, ctx), this.env.UPSTREAM_RETRIES, ctx.signal);
        await this.pipeStream(chunks, res, record, body.stream_options?.include_usage === true, call);
        return;
      }
      const result = await callWithRetries(() => call.once(adapter, deployment, ctx), this.env.UPSTREAM_RETRIES, ctx.signal);
      result.model = deployment.name;
      const cost = this.usage.settle(record, { status: 200, usage: normalizeUsage(result.usage) });
      res.setHeader(COST_HEADER, formatCost(cost));
      res.status(200).json(result);
    } catch (error) {
      if (!res.headersSent) this.settleFailure(record, error, res);
      throw error;
    } finally {
      done();
    }
  }

  /**
   * Writes chunks as they arrive, waiting for the socket to drain rather than buffering. The
   * upstream always reports usage (the adapter asks for it); the caller sees the usage chunk only
   * if it asked with `stream_options.include_usage`. A mid-stream failure becomes an SSE error
   * event, as OpenAI sends it. The cost follows as an SSE comment and an HTTP trailer.
   */
  private async pipeStream(
    chunks: AsyncIterable<StreamChunk>,
    res: Response,
    record: ModelRequestRecord,
    includeUsage: boolean,
    call: { promptTokens: () => number; text: (chunk: StreamChunk) => string },
  ): Promise<void> {
    res.status(200);
    res.setHeader('content-type', 'text/event-stream; charset=utf-8');
    res.setHeader('cache-control', 'no-cache');
    res.setHeader('x-accel-buffering', 'no');
    res.setHeader('trailer', COST_HEADER);
    res.flushHeaders();

    const publicName = record.deployment?.name ?? record.model;
    let usage: NormalizedUsage | undefined;
    let streamedChars = 0;
    let errorCode: string | null = null;
    try {
      for await (const chunk of chunks) {
        if (res.destroyed) break;
        chunk.model = publicName;
        streamedChars += call.text(chunk).length;
        if (chunk.usage) {
          usage = normalizeUsage(chunk.usage);
          if (!includeUsage) {
            if (chunk.choices.length === 0) continue;
            delete chunk.usage;
          }
        }
        if (!res.write(encodeSseEvent(JSON.stringify(chunk)))) await Promise.race([once(res, 'drain'), once(res, 'close')]);
      }
    } catch (error) {
      errorCode = isProviderError(error) ? (error.code ?? error.kind) : 'stream_error';
      if (!res.destroyed && isProviderError(error) && error.kind !== 'cancelled') {
        res.write(encodeSseEvent(JSON.stringify(error.toOpenAIErrorBody())));
      }
    }
    const clientGone = res.destroyed || res.writableEnded;
    if (!usage) {
      // The upstream never reported usage (cut short or a server that does not): estimate it,
      // so the record exists and is close, and say so in the record's error code.
      const completion = Math.ceil(streamedChars / 4);
      const prompt = call.promptTokens();
      usage = normalizeUsage({ prompt_tokens: prompt, completion_tokens: completion });
      errorCode ??= 'usage_estimated';
    }
    const cost = this.usage.settle(record, { status: clientGone ? 499 : 200, usage, errorCode: clientGone ? 'client_disconnected' : errorCode });
    if (clientGone) return;
    res.write(encodeSseComment(`${COST_HEADER}=${formatCost(cost)}`));
    res.write(SSE_DONE);
    res.addTrailers({ [COST_HEADER]: formatCost(cost) });
    res.end();
  }

  private parse<T>(result: ParseResult<T>, req: Request, principal: ApiKeyPrincipal, endpoint: GatewayEndpoint): T {
    if (result.ok) return result.value;
    // A request that named a model leaves a (zero-cost) usage record of its rejection; one that did
    // not never concerned a model, and its audit event is the record.
    const model = (req.body as { model?: unknown } | undefined)?.model;
    if (typeof model === 'string' && model !== '') {
      this.usage.settle(this.begin(req, principal, endpoint, model, false), {
        status: 400,
        errorCode: result.code ?? 'invalid_request_error',
      });
    }
    throw new GatewayException(GatewayErrorCode.InvalidRequest, result.message, result.param);
  }

  private begin(req: Request, principal: ApiKeyPrincipal, endpoint: GatewayEndpoint, model: string, stream: boolean): ModelRequestRecord {
    const startedAt = Date.now();
    // Model names are at most 256 characters in every usage table; a longer one is no model anyway.
    return { requestId: String(req.id), startedAt, occurredAt: new Date(startedAt).toISOString(), principal, endpoint, model: model.slice(0, 256), stream };
  }

  private resolveFor(record: ModelRequestRecord, model: string): ModelDeployment {
    const deployment = this.catalog.resolve(model);
    if (!deployment) {
      const error = this.catalog.loaded
        ? this.modelNotFound(record.model)
        : new GatewayException(GatewayErrorCode.ModelsNotLoaded, 'The gateway has not loaded its model configuration yet. Please retry shortly.');
      this.usage.settle(record, { status: error.status, errorCode: error.code });
      throw error;
    }
    record.deployment = deployment;
    return deployment;
  }

  private adapterFor(deployment: ModelDeployment): ProviderAdapter {
    const adapter = this.providers.get(deployment.target.provider);
    if (!adapter) throw new GatewayException(GatewayErrorCode.Internal, `No adapter for provider '${deployment.target.provider}'.`);
    return adapter;
  }

  /** The upstream call is aborted when the client goes away before the response is complete. */
  private callContext(req: Request, res: Response): { ctx: CallContext; done: () => void } {
    const controller = new AbortController();
    const onClose = () => {
      if (!res.writableFinished) controller.abort();
    };
    res.once('close', onClose);
    return {
      ctx: { signal: controller.signal, requestId: String(req.id), timeoutMs: this.env.UPSTREAM_HEADERS_TIMEOUT_MS },
      done: () => res.off('close', onClose),
    };
  }

  private settleFailure(record: ModelRequestRecord, error: unknown, res: Response): void {
    const status = isProviderError(error) ? error.status : error instanceof GatewayException ? error.status : 500;
    const code = isProviderError(error) ? (error.code ?? error.kind) : error instanceof GatewayException ? error.code : 'internal_error';
    this.usage.settle(record, { status: res.destroyed ? 499 : status, errorCode: code });
  }

  private modelNotFound(model: string): GatewayException {
    return new GatewayException(
      GatewayErrorCode.ModelNotFound,
      `The model \`${model}\` does not exist or you do not have access to it.`,
      'model',
    );
  }

  private toModel(m: ModelDeployment) {
    return { id: m.name, object: 'model' as const, created: m.created, owned_by: m.target.provider };
  }
}
