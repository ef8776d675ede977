import type { Dispatcher } from 'undici';
import { postJson, type HttpResponse } from '../core/http-client';
import type { CallContext, ProviderAdapter, ProviderTarget } from '../core/provider-adapter';
import { toProviderError } from '../core/provider-error';
import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  CompletionChunk,
  CompletionRequest,
  CompletionResponse,
  EmbeddingsRequest,
  EmbeddingsResponse,
} from '../openai-api/openai.types';
import { errorFromUpstreamResponse } from './errors';
import type { OpenAICompatibleConfig } from './openai-compatible.config';
import {
  toUpstreamChatBody,
  toUpstreamCompletionBody,
  toUpstreamEmbeddingsBody,
  upstreamHeaders,
  upstreamUrl,
} from './request';
import {
  fromUpstreamChatCompletion,
  fromUpstreamCompletion,
  fromUpstreamEmbeddings,
  parseJsonBody,
} from './response';
import { readOpenAIStream } from './stream';

export interface OpenAICompatibleAdapterOptions {
  /** Connection pool to use; default: the shared agent. */
  dispatcher?: Dispatcher;
}

/** OpenAI's protocol, spoken to OpenAI itself or any compatible server; behaviour comes from the config. */
export class OpenAICompatibleAdapter implements ProviderAdapter {
  readonly kind: string;

  constructor(
    private readonly config: OpenAICompatibleConfig,
    private readonly options: OpenAICompatibleAdapterOptions = {},
  ) {
    this.kind = config.kind;
  }

  async chat(
    req: ChatCompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<ChatCompletionResponse> {
    const json = await this.callJson(
      'chat/completions',
      toUpstreamChatBody(req, target, this.config, false),
      target,
      ctx,
      'chat completion',
    );
    return fromUpstreamChatCompletion(json, this.kind);
  }

  async chatStream(
    req: ChatCompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<AsyncIterable<ChatCompletionChunk>> {
    const res = await this.call(
      'chat/completions',
      toUpstreamChatBody(req, target, this.config, true),
      target,
      ctx,
      true,
    );
    return readOpenAIStream<ChatCompletionChunk>(res.body, this.kind, ctx.signal);
  }

  async completion(
    req: CompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<CompletionResponse> {
    const json = await this.callJson(
      'completions',
      toUpstreamCompletionBody(req, target, this.config, false),
      target,
      ctx,
      'completion',
    );
    return fromUpstreamCompletion(json, this.kind);
  }

  async completionStream(
    req: CompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<AsyncIterable<CompletionChunk>> {
    const res = await this.call(
      'completions',
      toUpstreamCompletionBody(req, target, this.config, true),
      target,
      ctx,
      true,
    );
    return readOpenAIStream<CompletionChunk>(res.body, this.kind, ctx.signal);
  }

  async embeddings(
    req: EmbeddingsRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<EmbeddingsResponse> {
    const json = await this.callJson(
      'embeddings',
      toUpstreamEmbeddingsBody(req, target, this.config),
      target,
      ctx,
      'embeddings response',
    );
    return fromUpstreamEmbeddings(json, req.input, this.kind);
  }

  private async callJson(
    path: string,
    body: Record<string, unknown>,
    target: ProviderTarget,
    ctx: CallContext,
    what: string,
  ): Promise<unknown> {
    const res = await this.call(path, body, target, ctx, false);
    return parseJsonBody(await this.readText(res, ctx), this.kind, what);
  }

  /** POSTs and resolves on a 2xx; any other status or failure rejects with a ProviderError. */
  private async call(
    path: string,
    body: Record<string, unknown>,
    target: ProviderTarget,
    ctx: CallContext,
    stream: boolean,
  ): Promise<HttpResponse> {
    let res: HttpResponse;
    try {
      res = await postJson({
        url: upstreamUrl(target, this.config, path),
        body,
        headers: upstreamHeaders(target, this.config, ctx, stream),
        signal: ctx.signal,
        headersTimeoutMs: ctx.timeoutMs,
        dispatcher: this.options.dispatcher,
      });
    } catch (err) {
      throw toProviderError(err, ctx.signal, this.kind);
    }
    if (res.status >= 200 && res.status < 300) return res;
    const text = await this.readText(res, ctx);
    throw errorFromUpstreamResponse(res.status, res.headers, text, this.kind);
  }

  private async readText(res: HttpResponse, ctx: CallContext): Promise<string> {
    try {
      return await res.body.text();
    } catch (err) {
      throw toProviderError(err, ctx.signal, this.kind);
    }
  }
}
