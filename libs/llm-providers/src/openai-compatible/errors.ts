import { ProviderError, type ProviderErrorKind } from '../core/provider-error';

/** The error fields an OpenAI-compatible server sent, whatever its dialect. */
export interface UpstreamErrorDetails {
  message: string;
  type: string | null;
  param: string | null;
  code: string | null;
}

const asText = (value: unknown): string | null =>
  typeof value === 'string' ? value : typeof value === 'number' ? String(value) : null;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/**
 * Reads an error body: OpenAI's `{ error: { message, type, param, code } }` (also LiteLLM),
 * `{ error: "text" }`, vLLM's `{ object: 'error', message, type, code }`, FastAPI's `{ detail }`.
 */
export function parseUpstreamError(body: unknown): UpstreamErrorDetails | null {
  if (!isObject(body)) return null;
  const fields = (source: Record<string, unknown>, message: string): UpstreamErrorDetails => ({
    message,
    type: asText(source.type),
    param: asText(source.param),
    code: asText(source.code),
  });
  if (isObject(body.error)) {
    return fields(body.error, asText(body.error.message) ?? JSON.stringify(body.error));
  }
  if (typeof body.error === 'string') return fields(body, body.error);
  if (body.object === 'error' || typeof body.message === 'string') {
    return fields(body, asText(body.message) ?? 'Unknown error');
  }
  if (body.detail !== undefined) {
    return fields({}, typeof body.detail === 'string' ? body.detail : JSON.stringify(body.detail));
  }
  return null;
}

function parseJson(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    return undefined;
  }
}

/** `retry-after-ms`, or `retry-after` in seconds or as an HTTP date. */
export function retryAfterMs(
  headers: Record<string, string | string[] | undefined>,
): number | undefined {
  const first = (v: string | string[] | undefined) => (Array.isArray(v) ? v[0] : v);
  const ms = Number(first(headers['retry-after-ms']));
  if (Number.isFinite(ms) && ms >= 0 && first(headers['retry-after-ms']) !== undefined) return ms;
  const value = first(headers['retry-after']);
  if (value === undefined) return undefined;
  const seconds = Number(value);
  if (Number.isFinite(seconds) && seconds >= 0) return seconds * 1000;
  const date = Date.parse(value);
  return Number.isNaN(date) ? undefined : Math.max(0, date - Date.now());
}

function kindForStatus(status: number): ProviderErrorKind {
  if (status === 400 || status === 413 || status === 422) return 'bad_request';
  if (status === 401) return 'authentication';
  if (status === 403) return 'permission';
  if (status === 404) return 'not_found';
  if (status === 408) return 'timeout';
  if (status === 429) return 'rate_limited';
  return 'upstream';
}

/**
 * An upstream non-2xx answer -> ProviderError. The caller sees the upstream's own words when
 * they concern the request (400, 404, 429, 5xx); on 401 they see that the gateway's provider
 * credentials were refused (the upstream's text, which may name the key, stays in
 * `upstreamMessage` for the operator).
 */
export function errorFromUpstreamResponse(
  status: number,
  headers: Record<string, string | string[] | undefined>,
  bodyText: string,
  provider: string,
): ProviderError {
  const details = parseUpstreamError(parseJson(bodyText));
  const upstreamMessage = details?.message ?? (bodyText.trim().slice(0, 500) || `HTTP ${status}`);
  const kind = kindForStatus(status);
  const common = {
    upstreamStatus: status,
    upstreamMessage,
    code: details?.code ?? null,
    param: details?.param ?? null,
    retryAfterMs: retryAfterMs(headers),
  };
  switch (kind) {
    case 'bad_request':
      return new ProviderError(kind, upstreamMessage, common);
    case 'authentication':
      return new ProviderError(
        kind,
        `Provider '${provider}' rejected the gateway's credentials (HTTP ${status}). An administrator needs to check the API key of this provider connection.`,
        { ...common, code: 'provider_authentication_failed', param: null },
      );
    case 'permission':
      return new ProviderError(
        kind,
        `Provider '${provider}' refused the request (HTTP ${status}): ${upstreamMessage}`,
        common,
      );
    case 'not_found':
      return new ProviderError(
        kind,
        `Provider '${provider}' answered 404: ${upstreamMessage}`,
        common,
      );
    case 'rate_limited':
      // An exhausted quota or billing limit does not clear by waiting a few seconds.
      return new ProviderError(kind, upstreamMessage, {
        ...common,
        retryable: details?.code !== 'insufficient_quota',
      });
    case 'timeout':
      return new ProviderError(kind, `Provider '${provider}' timed out (HTTP ${status}).`, common);
    default:
      return new ProviderError(
        kind,
        `Provider '${provider}' failed with HTTP ${status}: ${upstreamMessage}`,
        {
          ...common,
          retryable: status >= 500 && status !== 501,
        },
      );
  }
}

/** An `error` object sent in the middle of a stream (after the 200). */
export function errorFromStreamEvent(
  details: UpstreamErrorDetails,
  provider: string,
): ProviderError {
  const tag = `${details.type ?? ''} ${details.code ?? ''}`;
  const kind: ProviderErrorKind = /rate_limit/.test(tag)
    ? 'rate_limited'
    : /invalid_request/.test(tag)
      ? 'bad_request'
      : 'upstream';
  return new ProviderError(
    kind,
    `Provider '${provider}' sent an error mid-stream: ${details.message}`,
    {
      code: details.code,
      param: details.param,
      upstreamMessage: details.message,
    },
  );
}
