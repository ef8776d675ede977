import type { CallContext, ProviderAdapter, ProviderTarget } from '../core/provider-adapter';
import { ProviderError, toProviderError } from '../core/provider-error';
import { estimateInputTokens, estimateTokens, normalizeUsage } from '../core/usage';
import { contentText } from '../openai-api/openai.content';
import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  CompletionChunk,
  CompletionRequest,
  CompletionResponse,
  EmbeddingsRequest,
  EmbeddingsResponse,
  NormalizedUsage,
} from '../openai-api/openai.types';
import {
  applyLimits,
  demoChatAnswer,
  demoCompletionAnswer,
  demoEmbedding,
  streamPieces,
  type Limited,
} from './demo.answer';

/**
 * A built-in provider so a fresh install answers without any provider key: deterministic, no
 * network. Sampling parameters are accepted and have no effect (the answer is canned);
 * `n`, `stop`, `max_tokens` / `max_completion_tokens`, `echo` and `dimensions` are honoured.
 * Tool calls are not supported (400 `unsupported`). Usage comes from `estimateTokens`.
 */
export class DemoAdapter implements ProviderAdapter {
  readonly kind = 'demo';

  async chat(
    req: ChatCompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<ChatCompletionResponse> {
    const { answer, n, usage } = this.prepareChat(req, ctx);
    return {
      id: `chatcmpl-demo-${ctx.requestId}`,
      object: 'chat.completion',
      created: nowSeconds(),
      model: target.upstreamModel,
      choices: range(n).map((index) => ({
        index,
        message: { role: 'assistant', content: answer.text, refusal: null },
        finish_reason: answer.finishReason,
        logprobs: null,
      })),
      usage,
    };
  }

  async chatStream(
    req: ChatCompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<AsyncIterable<ChatCompletionChunk>> {
    const { answer, n, usage } = this.prepareChat(req, ctx);
    const base = {
      id: `chatcmpl-demo-${ctx.requestId}`,
      object: 'chat.completion.chunk' as const,
      created: nowSeconds(),
      model: target.upstreamModel,
    };
    const deltas = [
      { role: 'assistant' as const, content: '' },
      ...streamPieces(answer.text).map((content) => ({ content })),
    ];
    const chunks: ChatCompletionChunk[] = [
      ...deltas.flatMap((delta) =>
        range(n).map((index) => ({ ...base, choices: [{ index, delta, finish_reason: null }] })),
      ),
      ...range(n).map((index) => ({
        ...base,
        choices: [{ index, delta: {}, finish_reason: answer.finishReason }],
      })),
      { ...base, choices: [], usage },
    ];
    return emit(chunks, ctx.signal);
  }

  async completion(
    req: CompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<CompletionResponse> {
    const { answers, usage } = this.prepareCompletion(req, ctx);
    return {
      id: `cmpl-demo-${ctx.requestId}`,
      object: 'text_completion',
      created: nowSeconds(),
      model: target.upstreamModel,
      choices: answers.map((answer, index) => ({
        text: answer.text,
        index,
        logprobs: null,
        finish_reason: answer.finishReason,
      })),
      usage,
    };
  }

  async completionStream(
    req: CompletionRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<AsyncIterable<CompletionChunk>> {
    const { answers, usage } = this.prepareCompletion(req, ctx);
    const base = {
      id: `cmpl-demo-${ctx.requestId}`,
      object: 'text_completion' as const,
      created: nowSeconds(),
      model: target.upstreamModel,
    };
    const chunks: CompletionChunk[] = [
      ...answers.flatMap((answer, index) => [
        ...streamPieces(answer.text).map((text) => ({
          ...base,
          choices: [{ text, index, logprobs: null, finish_reason: null }],
        })),
        {
          ...base,
          choices: [{ text: '', index, logprobs: null, finish_reason: answer.finishReason }],
        },
      ]),
      { ...base, choices: [], usage },
    ];
    return emit(chunks, ctx.signal);
  }

  async embeddings(
    req: EmbeddingsRequest,
    target: ProviderTarget,
    ctx: CallContext,
  ): Promise<EmbeddingsResponse> {
    throwIfAborted(ctx.signal);
    const inputs: (string | number[])[] =
      typeof req.input === 'string'
        ? [req.input]
        : isTokenArray(req.input)
          ? [req.input]
          : req.input;
    const tokens = estimateInputTokens(req.input);
    return {
      object: 'list',
      data: inputs.map((input, index) => ({
        object: 'embedding',
        index,
        embedding: demoEmbedding(
          typeof input === 'string' ? input : input.join(' '),
          req.dimensions,
        ),
      })),
      model: target.upstreamModel,
      usage: { prompt_tokens: tokens, total_tokens: tokens },
    };
  }

  private prepareChat(
    req: ChatCompletionRequest,
    ctx: CallContext,
  ): { answer: Limited; n: number; usage: NormalizedUsage } {
    throwIfAborted(ctx.signal);
    if (req.tools?.length && req.tool_choice !== 'none') {
      throw new ProviderError(
        'unsupported',
        "The demo model cannot call tools. Connect a real provider in the admin UI to use 'tools'.",
        { param: 'tools', code: 'unsupported_parameter' },
      );
    }
    const lastUser = req.messages.findLast((m) => m.role === 'user');
    const answer = applyLimits(
      demoChatAnswer(lastUser ? contentText(lastUser.content) : ''),
      req.stop,
      req.max_completion_tokens ?? req.max_tokens,
    );
    const n = req.n ?? 1;
    const prompt = estimateTokens(req.messages.map((m) => contentText(m.content)).join('\n'));
    return {
      answer,
      n,
      usage: normalizeUsage({
        prompt_tokens: prompt,
        completion_tokens: n * estimateTokens(answer.text),
      }),
    };
  }

  private prepareCompletion(
    req: CompletionRequest,
    ctx: CallContext,
  ): { answers: Limited[]; usage: NormalizedUsage } {
    throwIfAborted(ctx.signal);
    const prompts: string[] =
      typeof req.prompt === 'string'
        ? [req.prompt]
        : isTokenArray(req.prompt)
          ? [`${req.prompt.length} tokens`]
          : req.prompt.map((p) => (typeof p === 'string' ? p : `${p.length} tokens`));
    const n = req.n ?? 1;
    // OpenAI orders the choices prompt by prompt, n per prompt.
    const answers = prompts.flatMap((prompt) => {
      const limited = applyLimits(demoCompletionAnswer(prompt), req.stop, req.max_tokens);
      const answer = req.echo ? { ...limited, text: prompt + limited.text } : limited;
      return range(n).map(() => answer);
    });
    const completion = answers.reduce((sum, a) => sum + estimateTokens(a.text), 0);
    return {
      answers,
      usage: normalizeUsage({
        prompt_tokens: estimateInputTokens(req.prompt),
        completion_tokens: completion,
      }),
    };
  }
}

const nowSeconds = () => Math.floor(Date.now() / 1000);
const range = (n: number) => Array.from({ length: n }, (_, i) => i);
const isTokenArray = (value: unknown[]): value is number[] =>
  value.length > 0 && typeof value[0] === 'number';

function throwIfAborted(signal: AbortSignal): void {
  if (signal.aborted) throw toProviderError(signal.reason, signal, 'demo');
}

/** Yields the chunks, checking the signal before each one like a real stream would notice a closed connection. */
async function* emit<T>(chunks: readonly T[], signal: AbortSignal): AsyncGenerator<T> {
  for (const chunk of chunks) {
    throwIfAborted(signal);
    yield chunk;
  }
}
