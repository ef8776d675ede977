import { Agent, request, type Dispatcher } from 'undici';

export interface HttpAgentOptions {
  /** TCP + TLS connect timeout. Default 10 s. */
  connectTimeoutMs?: number;
  /** Time to the response headers. Default 300 s: a model may think a long time before its first byte. */
  headersTimeoutMs?: number;
  /** Longest silence between two body chunks. Default 300 s. */
  bodyTimeoutMs?: number;
  /** How long an idle pooled connection is kept. Default 30 s. */
  keepAliveTimeoutMs?: number;
  /** Connections per origin; null = unlimited. Default null. */
  connectionsPerOrigin?: number | null;
}

/** An undici Agent: one keep-alive connection pool per upstream origin. */
export function createHttpAgent(options: HttpAgentOptions = {}): Agent {
  return new Agent({
    connect: { timeout: options.connectTimeoutMs ?? 10_000 },
    headersTimeout: options.headersTimeoutMs ?? 300_000,
    bodyTimeout: options.bodyTimeoutMs ?? 300_000,
    keepAliveTimeout: options.keepAliveTimeoutMs ?? 30_000,
    connections: options.connectionsPerOrigin ?? null,
  });
}

let shared: Agent | undefined;

/** The process-wide agent adapters use unless given another one. */
export function sharedHttpAgent(): Agent {
  shared ??= createHttpAgent();
  return shared;
}

/** Closes the shared agent's pooled connections (graceful shutdown); a later call makes a new one. */
export async function closeSharedHttpAgent(): Promise<void> {
  const agent = shared;
  shared = undefined;
  await agent?.close();
}

export interface PostJsonRequest {
  url: string;
  body: unknown;
  headers?: Record<string, string>;
  signal: AbortSignal;
  /** Overrides the agent's headers timeout for this call. */
  headersTimeoutMs?: number;
  dispatcher?: Dispatcher;
}

export interface HttpResponse {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  /** Async-iterable bytes; also `.json()` / `.text()`. Must be consumed or destroyed. */
  body: Dispatcher.ResponseData['body'];
}

/**
 * POST a JSON body. Resolves when the response headers arrive, whatever the status; rejects
 * with undici's or the signal's error (map it with `toProviderError`).
 */
export async function postJson(req: PostJsonRequest): Promise<HttpResponse> {
  const res = await request(req.url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...req.headers },
    body: JSON.stringify(req.body),
    signal: req.signal,
    headersTimeout: req.headersTimeoutMs,
    dispatcher: req.dispatcher ?? sharedHttpAgent(),
  });
  return { status: res.statusCode, headers: res.headers, body: res.body };
}
