import type { OpenAIErrorBody } from '../openai-api/openai.types';

export type ProviderErrorKind =
  | 'bad_request'
  | 'authentication'
  | 'permission'
  | 'not_found'
  | 'rate_limited'
  | 'upstream'
  | 'timeout'
  | 'connection'
  | 'unsupported'
  | 'cancelled';

/**
 * What the gateway answers for each kind, and whether trying again (after a backoff, or on
 * another deployment) can help.
 *
 * - 401/403 from upstream become 502: a bad or under-privileged PROVIDER key is the operator's
 *   problem, not the caller's, and a caller's SDK must not conclude that ITS key is wrong.
 * - 404 from upstream also becomes 502: the caller named a model the gateway knows; the
 *   deployment it resolved to points at a model the upstream does not have (configuration).
 * - 499 (client closed request) for cancellation: only ever seen in logs, the client is gone.
 */
const STATUS: Record<ProviderErrorKind, number> = {
  bad_request: 400,
  unsupported: 400,
  authentication: 502,
  permission: 502,
  not_found: 502,
  rate_limited: 429,
  upstream: 502,
  timeout: 504,
  connection: 502,
  cancelled: 499,
};

const RETRYABLE: Record<ProviderErrorKind, boolean> = {
  bad_request: false,
  unsupported: false,
  authentication: false,
  permission: false,
  not_found: false,
  rate_limited: true,
  upstream: true,
  timeout: true,
  connection: true,
  cancelled: false,
};

/** OpenAI's error `type` for the body the gateway sends back. */
const OPENAI_TYPE: Record<ProviderErrorKind, string> = {
  bad_request: 'invalid_request_error',
  unsupported: 'invalid_request_error',
  authentication: 'upstream_error',
  permission: 'upstream_error',
  not_found: 'upstream_error',
  rate_limited: 'rate_limit_error',
  upstream: 'upstream_error',
  timeout: 'timeout_error',
  connection: 'upstream_error',
  cancelled: 'cancelled',
};

export interface ProviderErrorOptions {
  /** Overrides the kind's default status. */
  status?: number;
  /** Overrides the kind's default (e.g. a 429 for an exhausted quota is not retryable). */
  retryable?: boolean;
  upstreamStatus?: number;
  code?: string | null;
  param?: string | null;
  /** The upstream's own message, for logs; may be hidden from the caller (e.g. on 401). */
  upstreamMessage?: string;
  /** From the upstream's `retry-after` header. */
  retryAfterMs?: number;
  cause?: unknown;
}

export class ProviderError extends Error {
  readonly kind: ProviderErrorKind;
  /** HTTP status the gateway should answer with. */
  readonly status: number;
  readonly retryable: boolean;
  readonly upstreamStatus?: number;
  readonly code?: string | null;
  readonly param?: string | null;
  readonly upstreamMessage?: string;
  readonly retryAfterMs?: number;

  constructor(kind: ProviderErrorKind, message: string, options: ProviderErrorOptions = {}) {
    super(message, options.cause === undefined ? undefined : { cause: options.cause });
    this.name = 'ProviderError';
    this.kind = kind;
    this.status = options.status ?? STATUS[kind];
    this.retryable = options.retryable ?? RETRYABLE[kind];
    this.upstreamStatus = options.upstreamStatus;
    this.code = options.code;
    this.param = options.param;
    this.upstreamMessage = options.upstreamMessage;
    this.retryAfterMs = options.retryAfterMs;
  }

  /** The error as OpenAI's wire body, for a caller speaking OpenAI. */
  toOpenAIErrorBody(): OpenAIErrorBody {
    return {
      error: {
        message: this.message,
        type: OPENAI_TYPE[this.kind],
        param: this.param ?? null,
        code: this.code ?? null,
      },
    };
  }
}

export function isProviderError(err: unknown): err is ProviderError {
  return err instanceof ProviderError;
}

const TIMEOUT_CODES = new Set([
  'UND_ERR_HEADERS_TIMEOUT',
  'UND_ERR_BODY_TIMEOUT',
  'UND_ERR_CONNECT_TIMEOUT',
  'ETIMEDOUT',
]);
const CONNECTION_CODES = new Set([
  'ECONNREFUSED',
  'ECONNRESET',
  'ENOTFOUND',
  'EAI_AGAIN',
  'EHOSTUNREACH',
  'ENETUNREACH',
  'EPIPE',
  'UND_ERR_SOCKET',
  'UND_ERR_CLOSED',
]);

function errorCode(err: unknown): string | undefined {
  if (typeof err !== 'object' || err === null) return undefined;
  const { code, errors } = err as { code?: unknown; errors?: unknown };
  if (typeof code === 'string') return code;
  // Happy-eyeballs connects throw an AggregateError of per-address errors.
  if (Array.isArray(errors) && errors.length > 0) return errorCode(errors[0]);
  return undefined;
}

/**
 * Any failure while talking to an upstream -> ProviderError. An aborted `signal` wins over
 * whatever the transport threw: an `AbortSignal.timeout()` reason is a timeout, anything else
 * a cancellation (the client went away).
 */
export function toProviderError(
  err: unknown,
  signal?: AbortSignal,
  provider = 'upstream',
): ProviderError {
  if (err instanceof ProviderError) return err;
  if (signal?.aborted) {
    const reason: unknown = signal.reason;
    // DOMException is not an `instanceof Error` in every realm: look at the name only.
    if (
      typeof reason === 'object' &&
      reason !== null &&
      (reason as { name?: unknown }).name === 'TimeoutError'
    ) {
      return new ProviderError('timeout', `The request to provider '${provider}' timed out.`, {
        cause: err,
      });
    }
    return new ProviderError('cancelled', 'The request was cancelled.', { cause: err });
  }
  const code = errorCode(err);
  const detail = err instanceof Error ? err.message : String(err);
  if (code && TIMEOUT_CODES.has(code)) {
    return new ProviderError(
      'timeout',
      `The request to provider '${provider}' timed out (${code}).`,
      {
        cause: err,
        code,
      },
    );
  }
  if (code && CONNECTION_CODES.has(code)) {
    return new ProviderError('connection', `Could not reach provider '${provider}': ${detail}`, {
      cause: err,
      code,
    });
  }
  return new ProviderError('upstream', `The call to provider '${provider}' failed: ${detail}`, {
    cause: err,
    retryable: false,
  });
}
