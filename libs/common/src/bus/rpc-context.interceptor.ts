import { CallHandler, ExecutionContext, Injectable, NestInterceptor } from '@nestjs/common';
import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import { Observable } from 'rxjs';
import type { RpcEnvelope } from '../contracts/rpc';
import { RequestContext } from '../logger/request-context';

/** Runs every message handler inside the caller's request context, so its logs carry the request id. */
@Injectable()
export class RpcContextInterceptor implements NestInterceptor {
  intercept(context: ExecutionContext, next: CallHandler): Observable<unknown> {
    if (context.getType() !== 'rpc') return next.handle();
    const envelope = context.switchToRpc().getData<RpcEnvelope<unknown> | undefined>();
    const requestId = RequestContext.normalise(envelope?.meta?.requestId);
    const root = PinoLogger.root;
    return new Observable((subscriber) =>
      RequestContext.run(requestId, () => {
        const run = () => next.handle().subscribe(subscriber);
        return root ? storage.run(new Store(root.child({ requestId })), run) : run();
      }),
    );
  }
}
