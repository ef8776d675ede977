/**
 * A typed message-pattern descriptor: one constant carries the pattern string and, through
 * phantom types, the request and response shapes, so `RpcClient.send()` is typed end to end.
 */
export interface RpcPattern<Req, Res> {
  readonly pattern: string;
  /** Phantom fields: never set at run time, only carry types. */
  readonly __request?: Req;
  readonly __response?: Res;
}

export interface BroadcastPattern<Payload> {
  readonly pattern: string;
  readonly __payload?: Payload;
}

export const rpc = <Req, Res>(pattern: string): RpcPattern<Req, Res> => ({ pattern });
export const broadcast = <Payload>(pattern: string): BroadcastPattern<Payload> => ({ pattern });

export type RpcRequest<P> = P extends RpcPattern<infer Req, unknown> ? Req : never;
export type RpcResponse<P> = P extends RpcPattern<unknown, infer Res> ? Res : never;

/** Every RPC payload travels in this envelope so the request id follows the call. */
export interface RpcEnvelope<T> {
  meta: { requestId?: string };
  data: T;
}

/** Error codes an RPC handler may answer with; the HTTP edge maps them with an exhaustive switch. */
export enum RpcErrorCode {
  BadRequest = 'BAD_REQUEST',
  Unauthorized = 'UNAUTHORIZED',
  Forbidden = 'FORBIDDEN',
  NotFound = 'NOT_FOUND',
  Conflict = 'CONFLICT',
  Unavailable = 'UNAVAILABLE',
  Timeout = 'TIMEOUT',
  Internal = 'INTERNAL',
}

export interface RpcErrorBody {
  code: RpcErrorCode;
  message: string;
  details?: unknown;
}
