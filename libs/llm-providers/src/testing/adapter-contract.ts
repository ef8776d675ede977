import type { CallContext, ProviderAdapter, ProviderTarget } from '../core/provider-adapter';
import { ProviderError, type ProviderErrorKind } from '../core/provider-error';
import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  CompletionChunk,
  ToolCall,
} from '../openai-api/openai.types';

/**
 * The contract every adapter passes: plain, streaming, tools, usage, errors, cancellation.
 *
 * Adapters with an upstream are run against a fake server of their provider's wire protocol that
 * follows the fake OpenAI server's conventions: it echoes the last user message (or prompt), and
 * the model name picks a scenario (`fail-400`, `hang`, `slow-stream`, ...). Every failure must be
 * a ProviderError; a cancelled stream must throw `cancelled`, not end as if complete, so the
 * gateway can tell a finished answer from a cut one.
 */
export type ContractScenario =
  | 'ok'
  | 'fail-400'
  | 'fail-401'
  | 'fail-429'
  | 'fail-500'
  | 'hang'
  | 'slow-stream'
  | 'stream-error';

export interface AdapterContractContext {
  adapter: ProviderAdapter;
  /** The target for a scenario; adapters without an upstream may ignore the scenario. */
  target(scenario: ContractScenario): ProviderTarget;
  /** How the upstream saw the latest request end; required when `upstream` is true. */
  lastUpstreamOutcome?(): Promise<'completed' | 'aborted'>;
  teardown?(): Promise<void>;
}

export interface AdapterContractSetup {
  /** Can the adapter call tools? If not, a request with tools must fail with `unsupported`. */
  tools: boolean;
  /** Does the adapter call an upstream? (Upstream error and timeout cases need one.) */
  upstream: boolean;
  start(): Promise<AdapterContractContext>;
}

const SAID = 'contract check alpha bravo';
const PROMPT = 'Once upon a time';

const chatRequest = (
  text = SAID,
  extra: Partial<ChatCompletionRequest> = {},
): ChatCompletionRequest => ({
  model: 'contract-model',
  messages: [
    { role: 'system', content: 'You are terse.' },
    { role: 'user', content: text },
  ],
  ...extra,
});

const TOOLS: ChatCompletionRequest['tools'] = [
  {
    type: 'function',
    function: {
      name: 'lookup_word',
      description: 'Look a word up in the dictionary.',
      parameters: {
        type: 'object',
        properties: { input: { type: 'string' } },
        required: ['input'],
      },
    },
  },
];

let requestCounter = 0;
function callContext(
  extra: Partial<CallContext> = {},
  controller = new AbortController(),
): CallContext {
  requestCounter += 1;
  return { signal: controller.signal, requestId: `contract-${requestCounter}`, ...extra };
}

async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of stream) out.push(item);
  return out;
}

async function failure(promise: Promise<unknown>): Promise<ProviderError> {
  try {
    await promise;
  } catch (err) {
    expect(err).toBeInstanceOf(ProviderError);
    return err as ProviderError;
  }
  throw new Error('expected a ProviderError, but the call succeeded');
}

const chatText = (chunks: ChatCompletionChunk[]) =>
  chunks.flatMap((c) => c.choices.map((ch) => ch.delta.content ?? '')).join('');
const completionText = (chunks: CompletionChunk[]) =>
  chunks.flatMap((c) => c.choices.map((ch) => ch.text)).join('');

/** Tool calls assembled from stream deltas, as an OpenAI client does. */
function assembleToolCalls(chunks: ChatCompletionChunk[]): ToolCall[] {
  const calls: ToolCall[] = [];
  for (const delta of chunks.flatMap((c) => c.choices.flatMap((ch) => ch.delta.tool_calls ?? []))) {
    const call = (calls[delta.index] ??= {
      id: '',
      type: 'function',
      function: { name: '', arguments: '' },
    });
    if (delta.id) call.id = delta.id;
    if (delta.function?.name) call.function.name += delta.function.name;
    if (delta.function?.arguments) call.function.arguments += delta.function.arguments;
  }
  return calls;
}

export function describeAdapterContract(name: string, setup: AdapterContractSetup): void {
  describe(`adapter contract: ${name}`, () => {
    let ctx: AdapterContractContext;
    const adapter = () => ctx.adapter;
    const target = (scenario: ContractScenario = 'ok') => ctx.target(scenario);

    beforeAll(async () => {
      ctx = await setup.start();
    });
    afterAll(async () => {
      await ctx?.teardown?.();
    });

    describe('plain', () => {
      it('chat answers the last user message', async () => {
        const res = await adapter().chat(chatRequest(), target(), callContext());
        expect(res.object).toBe('chat.completion');
        expect(res.choices).toHaveLength(1);
        expect(res.choices[0].message.role).toBe('assistant');
        expect(res.choices[0].message.content).toContain(SAID);
        expect(res.choices[0].finish_reason).toBe('stop');
      });

      it('completion answers the prompt', async () => {
        const res = await adapter().completion(
          { model: 'contract-model', prompt: PROMPT },
          target(),
          callContext(),
        );
        expect(res.object).toBe('text_completion');
        expect(res.choices).toHaveLength(1);
        expect(res.choices[0].text).toContain(PROMPT);
        expect(res.choices[0].finish_reason).toBe('stop');
      });

      it('embeddings: one deterministic float vector per input, `dimensions` honoured', async () => {
        const req = {
          model: 'contract-embed',
          input: ['first text', 'second text'],
          dimensions: 8,
        };
        const a = await adapter().embeddings(req, target(), callContext());
        const b = await adapter().embeddings(req, target(), callContext());
        expect(a.object).toBe('list');
        expect(a.data.map((d) => d.index)).toEqual([0, 1]);
        for (const item of a.data) {
          expect(item.embedding).toHaveLength(8);
          expect(item.embedding.every((v) => typeof v === 'number' && Number.isFinite(v))).toBe(
            true,
          );
        }
        expect(a.data[0].embedding).not.toEqual(a.data[1].embedding);
        expect(b.data).toEqual(a.data);
      });
    });

    describe('streaming', () => {
      it('chatStream yields chunks in order with the same text as chat, then a usage chunk', async () => {
        const whole = await adapter().chat(chatRequest(), target(), callContext());
        const chunks = await collect(
          await adapter().chatStream(chatRequest(), target(), callContext()),
        );

        expect(chunks.length).toBeGreaterThan(3);
        expect(new Set(chunks.map((c) => c.id)).size).toBe(1);
        expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
        expect(chunks[0].choices[0].delta.role).toBe('assistant');
        expect(chatText(chunks)).toBe(whole.choices[0].message.content);

        const finishAt = chunks.findIndex((c) => c.choices.some((ch) => ch.finish_reason));
        expect(chunks[finishAt].choices[0].finish_reason).toBe('stop');
        expect(chatText(chunks.slice(finishAt + 1))).toBe('');

        const last = chunks.at(-1) as ChatCompletionChunk;
        expect(last.choices).toEqual([]);
        expect(last.usage).toMatchObject({
          prompt_tokens: whole.usage?.prompt_tokens,
          completion_tokens: whole.usage?.completion_tokens,
          total_tokens: whole.usage?.total_tokens,
        });
      });

      it('completionStream yields the same text as completion, then a usage chunk', async () => {
        const req = { model: 'contract-model', prompt: PROMPT };
        const whole = await adapter().completion(req, target(), callContext());
        const chunks = await collect(
          await adapter().completionStream(req, target(), callContext()),
        );
        expect(chunks.length).toBeGreaterThan(2);
        expect(completionText(chunks)).toBe(whole.choices[0].text);
        expect(
          chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason)).filter(Boolean),
        ).toEqual(['stop']);
        const last = chunks.at(-1) as CompletionChunk;
        expect(last.choices).toEqual([]);
        expect(last.usage).toMatchObject({
          prompt_tokens: whole.usage?.prompt_tokens,
          completion_tokens: whole.usage?.completion_tokens,
        });
      });
    });

    describe('tools', () => {
      if (setup.tools) {
        it('chat returns a tool call for the requested function', async () => {
          const req = chatRequest(SAID, { tools: TOOLS, tool_choice: 'required' });
          const res = await adapter().chat(req, target(), callContext());
          const choice = res.choices[0];
          expect(choice.finish_reason).toBe('tool_calls');
          expect(choice.message.tool_calls).toHaveLength(1);
          const call = choice.message.tool_calls?.[0] as ToolCall;
          expect(call.type).toBe('function');
          expect(call.function.name).toBe('lookup_word');
          expect(call.id).not.toBe('');
          expect(() => JSON.parse(call.function.arguments)).not.toThrow();
        });

        it('chatStream streams the same tool call as deltas', async () => {
          const req = chatRequest(SAID, { tools: TOOLS, tool_choice: 'required' });
          const whole = await adapter().chat(req, target(), callContext());
          const chunks = await collect(await adapter().chatStream(req, target(), callContext()));
          const calls = assembleToolCalls(chunks);
          expect(calls).toHaveLength(1);
          expect(calls[0].function).toEqual(whole.choices[0].message.tool_calls?.[0].function);
          expect(
            chunks.flatMap((c) => c.choices.map((ch) => ch.finish_reason)).filter(Boolean),
          ).toEqual(['tool_calls']);
        });
      } else {
        it('a request with tools fails with a clear `unsupported` error (400)', async () => {
          const req = chatRequest(SAID, { tools: TOOLS });
          for (const call of [
            adapter().chat(req, target(), callContext()),
            adapter().chatStream(req, target(), callContext()),
          ]) {
            const err = await failure(call);
            expect(err.kind).toBe('unsupported');
            expect(err.status).toBe(400);
            expect(err.retryable).toBe(false);
            expect(err.param).toBe('tools');
            expect(err.message).toMatch(/tool/i);
          }
        });
      }
    });

    describe('usage', () => {
      it('chat usage is normalised and grows with the prompt', async () => {
        const short = await adapter().chat(chatRequest(), target(), callContext());
        const long = await adapter().chat(
          chatRequest(`${SAID} ${'and more words '.repeat(20)}`),
          target(),
          callContext(),
        );
        const usage = short.usage;
        expect(usage?.prompt_tokens).toBeGreaterThan(0);
        expect(usage?.completion_tokens).toBeGreaterThan(0);
        expect(usage?.total_tokens).toBe(
          (usage?.prompt_tokens ?? 0) + (usage?.completion_tokens ?? 0),
        );
        expect(typeof usage?.prompt_tokens_details?.cached_tokens).toBe('number');
        expect(typeof usage?.completion_tokens_details?.reasoning_tokens).toBe('number');
        expect(long.usage?.prompt_tokens).toBeGreaterThan(usage?.prompt_tokens ?? 0);
      });

      it('embeddings usage counts the input', async () => {
        const res = await adapter().embeddings(
          { model: 'contract-embed', input: 'three little words' },
          target(),
          callContext(),
        );
        expect(res.usage.prompt_tokens).toBeGreaterThan(0);
        expect(res.usage.total_tokens).toBe(res.usage.prompt_tokens);
      });
    });

    if (setup.upstream) {
      describe('errors', () => {
        const cases: [ContractScenario, ProviderErrorKind, number, boolean, number][] = [
          ['fail-400', 'bad_request', 400, false, 400],
          ['fail-401', 'authentication', 502, false, 401],
          ['fail-429', 'rate_limited', 429, true, 429],
          ['fail-500', 'upstream', 502, true, 500],
        ];
        it.each(cases)(
          'upstream %s -> %s, status %d, retryable %s',
          async (scenario, kind, status, retryable, upstreamStatus) => {
            const calls = [
              adapter().chat(chatRequest(), target(scenario), callContext()),
              adapter().chatStream(chatRequest(), target(scenario), callContext()),
              adapter().completion({ model: 'x', prompt: PROMPT }, target(scenario), callContext()),
              adapter().embeddings({ model: 'x', input: 'hello' }, target(scenario), callContext()),
            ];
            for (const call of calls) {
              const err = await failure(call);
              expect({
                kind: err.kind,
                status: err.status,
                retryable: err.retryable,
                upstreamStatus: err.upstreamStatus,
              }).toEqual({
                kind,
                status,
                retryable,
                upstreamStatus,
              });
              expect(err.message).not.toBe('');
            }
          },
        );

        it('an error event mid-stream throws a ProviderError after the chunks before it', async () => {
          const stream = await adapter().chatStream(
            chatRequest(),
            target('stream-error'),
            callContext(),
          );
          const seen: ChatCompletionChunk[] = [];
          const err = await failure(
            (async () => {
              for await (const chunk of stream) seen.push(chunk);
            })(),
          );
          expect(seen.length).toBeGreaterThan(0);
          expect(err.kind).toBe('upstream');
        });

        it('no answer within `timeoutMs` -> timeout (504, retryable)', async () => {
          const err = await failure(
            adapter().chat(chatRequest(), target('hang'), callContext({ timeoutMs: 200 })),
          );
          expect(err.kind).toBe('timeout');
          expect(err.status).toBe(504);
          expect(err.retryable).toBe(true);
        });
      });
    }

    describe('cancellation', () => {
      it('aborting mid-stream makes the iterator throw `cancelled` at once and closes the upstream request', async () => {
        const controller = new AbortController();
        const stream = await adapter().chatStream(
          chatRequest(),
          target('slow-stream'),
          callContext({}, controller),
        );
        const iterator = stream[Symbol.asyncIterator]();
        const first = await iterator.next();
        expect(first.done).toBe(false);
        controller.abort();
        const err = await failure(iterator.next());
        expect(err.kind).toBe('cancelled');
        expect(err.status).toBe(499);
        expect(err.retryable).toBe(false);
        if (setup.upstream) await expect(ctx.lastUpstreamOutcome?.()).resolves.toBe('aborted');
      });

      it('aborting before the answer rejects the call with `cancelled`', async () => {
        const controller = new AbortController();
        if (setup.upstream) setTimeout(() => controller.abort(), 50);
        else controller.abort();
        const err = await failure(
          adapter().chat(chatRequest(), target('hang'), callContext({}, controller)),
        );
        expect(err.kind).toBe('cancelled');
        if (setup.upstream) await expect(ctx.lastUpstreamOutcome?.()).resolves.toBe('aborted');
      });

      if (setup.upstream) {
        it('leaving the loop early closes the upstream request', async () => {
          const stream = await adapter().chatStream(
            chatRequest(),
            target('slow-stream'),
            callContext(),
          );
          for await (const chunk of stream) {
            expect(chunk.object).toBe('chat.completion.chunk');
            break;
          }
          await expect(ctx.lastUpstreamOutcome?.()).resolves.toBe('aborted');
        });
      }
    });
  });
}
