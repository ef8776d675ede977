import { RpcErrorCode } from '../contracts/rpc';

/**
 * Base of every capability's exception: a category (how callers should treat it, mapped to an
 * HTTP status at the edge), a specific `reason` code from the capability's own enum, and a
 * message a user can act on.
 */
export class ServiceException<Reason extends string = string> extends Error {
  constructor(
    readonly category: RpcErrorCode,
    readonly reason: Reason,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = new.target.name;
  }
}

/** The one place a category becomes an HTTP status. */
export function httpStatusFor(category: RpcErrorCode): number {
  switch (category) {
    case RpcErrorCode.BadRequest:
      return 400;
    case RpcErrorCode.Unauthorized:
      return 401;
    case RpcErrorCode.Forbidden:
      return 403;
    case RpcErrorCode.NotFound:
      return 404;
    case RpcErrorCode.Conflict:
      return 409;
    case RpcErrorCode.Unavailable:
      return 503;
    case RpcErrorCode.Timeout:
      return 504;
    case RpcErrorCode.Internal:
      return 500;
    default: {
      const unreachable: never = category;
      return unreachable;
    }
  }
}
