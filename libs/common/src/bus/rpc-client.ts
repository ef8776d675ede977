import { Inject, Injectable, OnApplicationShutdown } from '@nestjs/common';
import { ClientProxy } from '@nestjs/microservices';
import { firstValueFrom, timeout, TimeoutError } from 'rxjs';
import type { BaseEnv } from '../config/env';
import { ENV } from '../config/env.tokens';
import {
  BroadcastPattern,
  RpcEnvelope,
  RpcErrorBody,
  RpcErrorCode,
  RpcPattern,
} from '../contracts/rpc';
import { RequestContext } from '../logger/request-context';

export const BUS_CLIENT = Symbol('BUS_CLIENT');

/** A failed RPC: the callee's `{ code, message, details }`, or TIMEOUT / UNAVAILABLE from here. */
export class RpcCallError extends Error {
  constructor(
    readonly code: RpcErrorCode,
    message: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'RpcCallError';
  }
}

const isRpcErrorBody = (value: unknown): value is RpcErrorBody =>
  typeof value === 'object' &&
  value !== null &&
  typeof (value as RpcErrorBody).code === 'string' &&
  Object.values(RpcErrorCode).includes((value as RpcErrorBody).code);

/** Typed `send` and `emit` over the Redis transport, with a timeout and the request id attached. */
@Injectable()
export class RpcClient implements OnApplicationShutdown {
  constructor(
    @Inject(BUS_CLIENT) private readonly client: ClientProxy,
    @Inject(ENV) private readonly env: Pick<BaseEnv, 'RPC_TIMEOUT_MS'>,
  ) {}

  async send<Req, Res>(
    pattern: RpcPattern<Req, Res>,
    data: Req,
    options: { timeoutMs?: number } = {},
  ): Promise<Res> {
    const envelope: RpcEnvelope<Req> = { meta: { requestId: RequestContext.requestId() }, data };
    const timeoutMs = options.timeoutMs ?? this.env.RPC_TIMEOUT_MS;
    try {
      return await firstValueFrom(
        this.client.send<Res, RpcEnvelope<Req>>(pattern.pattern, envelope).pipe(timeout(timeoutMs)),
      );
    } catch (error) {
      if (error instanceof TimeoutError) {
        throw new RpcCallError(RpcErrorCode.Timeout, `${pattern.pattern} did not answer within ${timeoutMs} ms`);
      }
      if (isRpcErrorBody(error)) throw new RpcCallError(error.code, error.message, error.details);
      const message = error instanceof Error ? error.message : String(error);
      throw new RpcCallError(RpcErrorCode.Unavailable, `${pattern.pattern} failed: ${message}`);
    }
  }

  /** Fire a broadcast (pub/sub). Listeners must tolerate a miss: each event carries a version. */
  async emit<Payload>(pattern: BroadcastPattern<Payload>, data: Payload): Promise<void> {
    const envelope: RpcEnvelope<Payload> = { meta: { requestId: RequestContext.requestId() }, data };
    await firstValueFrom(this.client.emit(pattern.pattern, envelope), { defaultValue: undefined });
  }

  async onApplicationShutdown(): Promise<void> {
    await this.client.close();
  }
}
