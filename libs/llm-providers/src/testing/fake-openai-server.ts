import {
  createServer,
  type IncomingHttpHeaders,
  type IncomingMessage,
  type ServerResponse,
} from 'node:http';
import type { AddressInfo } from 'node:net';
import { seededRandom, fnv1a32 } from '../core/seeded-random';
import { SSE_DONE, encodeSseEvent } from '../core/sse';
import { encodeEmbeddingBase64 } from '../openai-api/embedding-base64';
import { contentText } from '../openai-api/openai.content';
import type {
  ChatCompletionChunk,
  ChatCompletionRequest,
  ChatCompletionResponse,
  CompletionChunk,
  CompletionRequest,
  CompletionResponse,
  EmbeddingsRequest,
  Model,
  ModelList,
  OpenAIErrorBody,
  ToolCall,
  Usage,
} from '../openai-api/openai.types';
import {
  parseChatCompletionRequest,
  parseCompletionRequest,
  parseEmbeddingsRequest,
  type ParseResult,
} from '../openai-api/openai.validate';
import error400 from '../openai-compatible/__fixtures__/error-400.json';
import error401 from '../openai-compatible/__fixtures__/error-401.json';
import error404 from '../openai-compatible/__fixtures__/error-404.json';
import error429 from '../openai-compatible/__fixtures__/error-429.json';
import error500 from '../openai-compatible/__fixtures__/error-500.json';
import error503 from '../openai-compatible/__fixtures__/error-503.json';

/*
 * A local HTTP server speaking OpenAI's wire protocol, for tests. Its answers are deterministic:
 *
 * - Chat: the answer is `Echo: <text of the last user message>` (`fakeChatAnswer`). With `tools`
 *   (and `tool_choice` not 'none') and a user message last, it calls a tool instead: the named
 *   one (`tool_choice: { type: 'function', function: { name } }`) or the first, with arguments
 *   `{"input":"<text of the last user message>"}`.
 * - Completions: one choice per prompt, `Echo: <prompt>` (token prompts: tokens joined by spaces).
 * - Embeddings: `fakeEmbeddingFor(input, dimensions ?? 16)`, multiples of 1/64 (exact in float32);
 *   `encoding_format: 'base64'` gives little-endian float32 base64, as OpenAI does.
 * - Usage (`countFakeTokens` = whitespace-separated words): prompt_tokens = words in all message
 *   contents (or prompts / inputs; a token array counts its length); completion_tokens = words in
 *   the answer text, or in the tool call's arguments; cached and reasoning tokens are 0.
 * - Streams: a first chunk with `role`, one chunk per word, a chunk with `finish_reason`, then
 *   with `stream_options.include_usage` a chunk with `choices: []` and usage (the other chunks then
 *   carry `usage: null`), then `data: [DONE]`.
 *
 * The requested model name picks a failure: `fail-400|401|404|429|500|503` (OpenAI's error bodies
 * from `__fixtures__`), `hang` (never answers), `stream-error` (a stream that sends an `error`
 * event after two chunks; 500 when not streaming), `slow-stream` (chunks 200 ms apart).
 */

export const FAKE_EMBEDDING_DIMENSIONS = 16;
export const FAKE_MODELS: readonly string[] = [
  'gpt-4o-mini',
  'gpt-4o',
  'gpt-3.5-turbo-instruct',
  'text-embedding-3-small',
];

/** Whitespace-separated words: the fake server's token count. */
export function countFakeTokens(text: string): number {
  return text.split(/\s+/).filter((word) => word !== '').length;
}

/** The fake server's chat answer for these messages. */
export function fakeChatAnswer(messages: ChatCompletionRequest['messages']): string {
  const lastUser = messages.findLast((m) => m.role === 'user');
  return `Echo: ${lastUser ? contentText(lastUser.content) : ''}`;
}

/** The fake server's embedding for a text: deterministic, every value a multiple of 1/64 in [-1, 1]. */
export function fakeEmbeddingFor(input: string, dimensions = FAKE_EMBEDDING_DIMENSIONS): number[] {
  const random = seededRandom(input);
  return Array.from({ length: dimensions }, () => Math.round((random() * 2 - 1) * 64) / 64);
}

export type RequestOutcome = 'completed' | 'aborted';

export interface RecordedRequest {
  method: string;
  /** Path and query, e.g. '/v1/chat/completions'. */
  path: string;
  headers: IncomingHttpHeaders;
  /** The client's port: equal for requests that came over the same (pooled) connection. */
  remotePort: number;
  /** The parsed JSON body; the raw text if it was not JSON; null if empty. */
  body: unknown;
  /** Settles when the exchange ends: 'aborted' if the client closed the connection before the answer was complete. */
  outcome: Promise<RequestOutcome>;
}

export interface FakeOpenAIServerOptions {
  /** 0 (default) = a random free port. */
  port?: number;
  /** Require `Authorization: Bearer <apiKey>`. */
  apiKey?: string;
}

export interface FakeOpenAIServer {
  /** e.g. 'http://127.0.0.1:43121/v1' */
  url: string;
  port: number;
  requests: RecordedRequest[];
  /** Forgets the recorded requests. */
  reset(): void;
  /** Closes every connection (hanging ones too) and stops listening. */
  close(): Promise<void>;
}

const SLOW_STREAM_DELAY_MS = 200;

const FAILURES: Record<
  string,
  { status: number; body: OpenAIErrorBody; headers?: Record<string, string> }
> = {
  'fail-400': { status: 400, body: error400 },
  'fail-401': { status: 401, body: error401 },
  'fail-404': { status: 404, body: error404 },
  'fail-429': {
    status: 429,
    body: error429,
    headers: { 'retry-after': '1', 'retry-after-ms': '100' },
  },
  'fail-500': { status: 500, body: error500 },
  'fail-503': { status: 503, body: error503 },
};

const invalidRequest = (
  message: string,
  param: string | null = null,
  code: string | null = null,
): OpenAIErrorBody => ({
  error: { message, type: 'invalid_request_error', param, code },
});

const NO_API_KEY = invalidRequest(
  "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY). You can obtain an API key from https://platform.openai.com/account/api-keys.",
);
const BAD_JSON = invalidRequest(
  "We could not parse the JSON body of your request. (HINT: This likely means you aren't using your HTTP library correctly. The OpenAI API expects a JSON payload, but what was sent was not valid JSON.)",
);

export async function startFakeOpenAIServer(
  options: FakeOpenAIServerOptions = {},
): Promise<FakeOpenAIServer> {
  const requests: RecordedRequest[] = [];
  let sequence = 0;

  const server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (chunk: Buffer) => chunks.push(chunk));
    req.on('end', () => {
      const text = Buffer.concat(chunks).toString('utf8');
      let body: unknown = null;
      let badJson = false;
      if (text !== '') {
        try {
          body = JSON.parse(text);
        } catch {
          body = text;
          badJson = true;
        }
      }
      const outcome = new Promise<RequestOutcome>((resolve) =>
        res.on('close', () => resolve(res.writableFinished ? 'completed' : 'aborted')),
      );
      requests.push({
        method: req.method ?? 'GET',
        path: req.url ?? '/',
        headers: req.headers,
        remotePort: req.socket.remotePort ?? 0,
        body,
        outcome,
      });
      sequence += 1;
      handle(req, res, body, badJson, `${sequence}`);
    });
  });

  function handle(
    req: IncomingMessage,
    res: ServerResponse,
    body: unknown,
    badJson: boolean,
    seq: string,
  ): void {
    const path = (req.url ?? '/').split('?')[0];
    const route = `${req.method} ${path}`;
    res.setHeader('x-request-id', `req_fake_${seq}`);
    if (options.apiKey !== undefined) {
      const auth = req.headers.authorization;
      if (!auth) return sendJson(res, 401, NO_API_KEY);
      if (auth !== `Bearer ${options.apiKey}`) return sendJson(res, 401, error401);
    }
    if (route === 'GET /v1/models') return sendJson(res, 200, modelList());
    if (req.method === 'GET' && path.startsWith('/v1/models/')) {
      const id = decodeURIComponent(path.slice('/v1/models/'.length));
      return FAKE_MODELS.includes(id)
        ? sendJson(res, 200, model(id))
        : sendJson(
            res,
            404,
            invalidRequest(
              `The model \`${id}\` does not exist or you do not have access to it.`,
              null,
              'model_not_found',
            ),
          );
    }
    const endpoints: Record<string, () => void> = {
      'POST /v1/chat/completions': () =>
        answer(res, parseChatCompletionRequest(body), seq, chatCompletion),
      'POST /v1/completions': () => answer(res, parseCompletionRequest(body), seq, completion),
      'POST /v1/embeddings': () => answer(res, parseEmbeddingsRequest(body), seq, embeddings),
    };
    const endpoint = endpoints[route];
    if (!endpoint) return sendJson(res, 404, invalidRequest(`Invalid URL (${req.method} ${path})`));
    if (badJson) return sendJson(res, 400, BAD_JSON);
    endpoint();
  }

  await new Promise<void>((resolve) => server.listen(options.port ?? 0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}/v1`,
    port,
    requests,
    reset: () => {
      requests.length = 0;
    },
    close: async () => {
      server.closeAllConnections();
      await new Promise<void>((resolve, reject) =>
        server.close((err) => (err ? reject(err) : resolve())),
      );
    },
  };
}

type Responder<T> = (res: ServerResponse, req: T, seq: string) => void;

/** Common to every POST endpoint: validation, then the failure the model name asks for, then the answer. */
function answer<T extends { model: string; stream?: boolean | null }>(
  res: ServerResponse,
  parsed: ParseResult<T>,
  seq: string,
  respond: Responder<T>,
): void {
  if (!parsed.ok)
    return sendJson(res, 400, invalidRequest(parsed.message, parsed.param, parsed.code));
  const req = parsed.value;
  const failure = FAILURES[req.model];
  if (failure) return sendJson(res, failure.status, failure.body, failure.headers);
  if (req.model === 'hang') return; // never answers; the connection stays open until the client or close() ends it
  if (req.model === 'stream-error' && !req.stream) return sendJson(res, 500, error500);
  respond(res, req, seq);
}

function sendJson(
  res: ServerResponse,
  status: number,
  body: unknown,
  headers: Record<string, string> = {},
): void {
  const text = JSON.stringify(body);
  res.writeHead(status, {
    'content-type': 'application/json',
    'content-length': Buffer.byteLength(text),
    ...headers,
  });
  res.end(text);
}

const created = () => Math.floor(Date.now() / 1000);
const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/** Writes SSE events; `slow-stream` paces them, `stream-error` breaks off with an error event. */
async function sendStream(res: ServerResponse, model: string, events: unknown[]): Promise<void> {
  res.writeHead(200, {
    'content-type': 'text/event-stream; charset=utf-8',
    'cache-control': 'no-cache',
    connection: 'keep-alive',
  });
  const failing = model === 'stream-error';
  const toSend = failing ? [...events.slice(0, 2), error500] : [...events, '[DONE]'];
  for (const [i, event] of toSend.entries()) {
    if (res.destroyed) return;
    res.write(event === '[DONE]' ? SSE_DONE : encodeSseEvent(event));
    if (model === 'slow-stream' && i < toSend.length - 1) await sleep(SLOW_STREAM_DELAY_MS);
  }
  res.end();
}

function usage(prompt: number, completion: number): Usage {
  return {
    prompt_tokens: prompt,
    completion_tokens: completion,
    total_tokens: prompt + completion,
    prompt_tokens_details: { cached_tokens: 0, audio_tokens: 0 },
    completion_tokens_details: {
      reasoning_tokens: 0,
      audio_tokens: 0,
      accepted_prediction_tokens: 0,
      rejected_prediction_tokens: 0,
    },
  };
}

/** Splits text into word-sized pieces that concatenate back to it exactly. */
const words = (text: string): string[] => text.match(/\S+\s*|\s+/g) ?? [];

// ---------- chat ----------

function toolCallFor(req: ChatCompletionRequest): ToolCall | null {
  if (!req.tools?.length || req.tool_choice === 'none' || req.messages.at(-1)?.role !== 'user')
    return null;
  const choice = req.tool_choice;
  const named =
    typeof choice === 'object' && choice.type === 'function'
      ? (choice as { function: { name: string } }).function.name
      : undefined;
  const first = req.tools.find((t) => t.type === 'function');
  const name = named ?? (first?.type === 'function' ? first.function.name : undefined);
  if (!name) return null;
  const args = JSON.stringify({ input: contentText(req.messages.at(-1)?.content) });
  return {
    id: `call_fake_${fnv1a32(name + args).toString(36)}`,
    type: 'function',
    function: { name, arguments: args },
  };
}

function chatCompletion(res: ServerResponse, req: ChatCompletionRequest, seq: string): void {
  const id = `chatcmpl-fake-${seq}`;
  const toolCall = toolCallFor(req);
  const text = toolCall ? null : fakeChatAnswer(req.messages);
  const promptTokens = req.messages.reduce(
    (sum, m) => sum + countFakeTokens(contentText(m.content)),
    0,
  );
  const completionTokens = countFakeTokens(toolCall ? toolCall.function.arguments : (text ?? ''));
  const finishReason = toolCall ? 'tool_calls' : 'stop';

  if (!req.stream) {
    const body: ChatCompletionResponse = {
      id,
      object: 'chat.completion',
      created: created(),
      model: req.model,
      choices: [
        {
          index: 0,
          message: {
            role: 'assistant',
            content: text,
            refusal: null,
            ...(toolCall ? { tool_calls: [toolCall] } : {}),
            annotations: [],
          },
          logprobs: null,
          finish_reason: finishReason,
        },
      ],
      usage: usage(promptTokens, completionTokens),
      service_tier: 'default',
      system_fingerprint: 'fp_fake',
    };
    return sendJson(res, 200, body);
  }

  const withUsage = req.stream_options?.include_usage === true;
  const chunk = (
    choices: ChatCompletionChunk['choices'],
    extra: Partial<ChatCompletionChunk> = {},
  ): ChatCompletionChunk => ({
    id,
    object: 'chat.completion.chunk',
    created: created(),
    model: req.model,
    service_tier: 'default',
    system_fingerprint: 'fp_fake',
    choices,
    ...(withUsage ? { usage: null } : {}),
    ...extra,
  });
  const delta = (d: ChatCompletionChunk['choices'][number]['delta']) =>
    chunk([{ index: 0, delta: d, logprobs: null, finish_reason: null }]);
  const events: ChatCompletionChunk[] = toolCall
    ? [
        delta({
          role: 'assistant',
          content: null,
          tool_calls: [
            {
              index: 0,
              id: toolCall.id,
              type: 'function',
              function: { name: toolCall.function.name, arguments: '' },
            },
          ],
          refusal: null,
        }),
        ...(toolCall.function.arguments.match(/.{1,8}/gs) ?? []).map((part) =>
          delta({ tool_calls: [{ index: 0, function: { arguments: part } }] }),
        ),
      ]
    : [
        delta({ role: 'assistant', content: '', refusal: null }),
        ...words(text ?? '').map((content) => delta({ content })),
      ];
  events.push(chunk([{ index: 0, delta: {}, logprobs: null, finish_reason: finishReason }]));
  if (withUsage) events.push(chunk([], { usage: usage(promptTokens, completionTokens) }));
  void sendStream(res, req.model, events);
}

// ---------- completions ----------

function promptTexts(prompt: CompletionRequest['prompt']): { text: string; tokens: number }[] {
  if (typeof prompt === 'string') return [{ text: prompt, tokens: countFakeTokens(prompt) }];
  if (prompt.every((p): p is number => typeof p === 'number'))
    return [{ text: prompt.join(' '), tokens: prompt.length }];
  return (prompt as (string | number[])[]).map((p) =>
    typeof p === 'string'
      ? { text: p, tokens: countFakeTokens(p) }
      : { text: p.join(' '), tokens: p.length },
  );
}

function completion(res: ServerResponse, req: CompletionRequest, seq: string): void {
  const id = `cmpl-fake-${seq}`;
  const prompts = promptTexts(req.prompt);
  const answers = prompts.map((p) => `Echo: ${p.text}`);
  const tokens = usage(
    prompts.reduce((sum, p) => sum + p.tokens, 0),
    answers.reduce((sum, a) => sum + countFakeTokens(a), 0),
  );
  const base = {
    id,
    object: 'text_completion' as const,
    created: created(),
    model: req.model,
    system_fingerprint: 'fp_fake',
  };
  if (!req.stream) {
    const body: CompletionResponse = {
      ...base,
      choices: answers.map((text, index) => ({
        text,
        index,
        logprobs: null,
        finish_reason: 'stop',
      })),
      usage: tokens,
    };
    return sendJson(res, 200, body);
  }
  const withUsage = req.stream_options?.include_usage === true;
  const chunk = (
    choices: CompletionChunk['choices'],
    extra: Partial<CompletionChunk> = {},
  ): CompletionChunk => ({
    ...base,
    choices,
    ...(withUsage ? { usage: null } : {}),
    ...extra,
  });
  const events: CompletionChunk[] = answers.flatMap((answerText, index) => [
    ...words(answerText).map((text) =>
      chunk([{ text, index, logprobs: null, finish_reason: null }]),
    ),
    chunk([{ text: '', index, logprobs: null, finish_reason: 'stop' }]),
  ]);
  if (withUsage) events.push(chunk([], { usage: tokens }));
  void sendStream(res, req.model, events);
}

// ---------- embeddings ----------

function embeddings(res: ServerResponse, req: EmbeddingsRequest): void {
  const inputs = promptTexts(req.input);
  const dimensions = req.dimensions ?? FAKE_EMBEDDING_DIMENSIONS;
  const prompt = inputs.reduce((sum, i) => sum + i.tokens, 0);
  sendJson(res, 200, {
    object: 'list',
    data: inputs.map((input, index) => {
      const vector = fakeEmbeddingFor(input.text, dimensions);
      return {
        object: 'embedding',
        index,
        embedding: req.encoding_format === 'base64' ? encodeEmbeddingBase64(vector) : vector,
      };
    }),
    model: req.model,
    usage: { prompt_tokens: prompt, total_tokens: prompt },
  });
}

// ---------- models ----------

function model(id: string): Model {
  return {
    id,
    object: 'model',
    created: 1686935002,
    owned_by: id.startsWith('text-embedding') ? 'system' : 'openai',
  };
}

function modelList(): ModelList {
  return { object: 'list', data: FAKE_MODELS.map(model) };
}
