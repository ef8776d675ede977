import { HttpException } from '@nestjs/common';
import { QueryFailedError } from 'typeorm';
import { RpcErrorCode } from '../contracts/rpc';
import { RpcCallError } from '../bus/rpc-client';
import { httpStatusFor, ServiceException } from './service.exception';

export interface ClassifiedError {
  status: number;
  code: string;
  message: string;
  details?: unknown;
  /** True when the error is ours (a bug or an outage), worth an error-level log line. */
  unexpected: boolean;
}

const CONNECTION_ERRORS = new Set(['ECONNREFUSED', 'ECONNRESET', 'ETIMEDOUT', 'EHOSTUNREACH', 'ENOTFOUND', 'EAI_AGAIN', '57P01', '57P03', '53300']);
/** node-postgres reports a lost or unobtainable connection by message only. */
const CONNECTION_MESSAGES = /Connection terminated|timeout exceeded when trying to connect|Connection refused/i;

/** A store (PostgreSQL, Redis) that cannot be reached: a network error, SQLSTATE class 08, too many connections. */
function isStoreUnavailable(error: unknown): boolean {
  const err = error as { code?: unknown; driverError?: { code?: unknown }; message?: unknown } | null;
  const code = err?.driverError?.code ?? err?.code;
  if (typeof code === 'string' && (CONNECTION_ERRORS.has(code) || /^08[0-9A-Z]{3}$/.test(code))) return true;
  return typeof err?.message === 'string' && CONNECTION_MESSAGES.test(err.message);
}

const statusToCode = (status: number): string => {
  if (status === 400) return RpcErrorCode.BadRequest;
  if (status === 401) return RpcErrorCode.Unauthorized;
  if (status === 403) return RpcErrorCode.Forbidden;
  if (status === 404) return RpcErrorCode.NotFound;
  if (status === 409) return RpcErrorCode.Conflict;
  if (status === 413) return 'PAYLOAD_TOO_LARGE';
  if (status === 415) return 'UNSUPPORTED_MEDIA_TYPE';
  if (status === 429) return 'RATE_LIMITED';
  if (status === 503) return RpcErrorCode.Unavailable;
  return status >= 500 ? RpcErrorCode.Internal : RpcErrorCode.BadRequest;
};

/** Turns anything thrown into a status, a code and a safe message. Shared by the HTTP and RPC filters. */
export function classifyError(error: unknown): ClassifiedError {
  if (error instanceof ServiceException) {
    const status = httpStatusFor(error.category);
    return { status, code: error.reason, message: error.message, details: error.details, unexpected: status >= 500 };
  }
  if (error instanceof RpcCallError) {
    const status = httpStatusFor(error.code);
    return { status, code: error.code, message: error.message, details: error.details, unexpected: status >= 500 };
  }
  if (error instanceof HttpException) {
    const status = error.getStatus();
    const body = error.getResponse();
    const message =
      typeof body === 'string'
        ? body
        : Array.isArray((body as { message?: unknown }).message)
          ? ((body as { message: string[] }).message).join('; ')
          : String((body as { message?: unknown }).message ?? error.message);
    // An HttpException is an answer someone chose (a 503 from a readiness probe, say), not a fault.
    return { status, code: statusToCode(status), message, unexpected: false };
  }
  if (error instanceof QueryFailedError) {
    const pgCode = (error.driverError as { code?: string } | undefined)?.code;
    if (pgCode === '23505') {
      const detail = (error.driverError as { detail?: string }).detail;
      return { status: 409, code: RpcErrorCode.Conflict, message: detail ?? 'Already exists', unexpected: false };
    }
    if (pgCode === '23503') {
      return { status: 409, code: RpcErrorCode.Conflict, message: 'Still referenced by other records', unexpected: false };
    }
    if (pgCode === '22P02') {
      return { status: 400, code: RpcErrorCode.BadRequest, message: 'Malformed identifier or value', unexpected: false };
    }
  }
  const bodyParserType = (error as { type?: unknown } | null)?.type;
  const bodyParserStatus = (error as { status?: unknown } | null)?.status;
  if (typeof bodyParserType === 'string' && typeof bodyParserStatus === 'number' && bodyParserStatus < 500) {
    // A malformed JSON body never gets here: bodyParseErrorMiddleware turns it into a BodyParseException.
    const message = bodyParserType === 'entity.too.large' ? 'The request body is too large' : (error as Error).message;
    return { status: bodyParserStatus, code: statusToCode(bodyParserStatus), message, unexpected: false };
  }
  if (isStoreUnavailable(error)) {
    return { status: 503, code: RpcErrorCode.Unavailable, message: 'A backing store is unavailable; try again shortly', unexpected: true };
  }
  return { status: 500, code: RpcErrorCode.Internal, message: 'Internal error', unexpected: true };
}
