import { AsyncLocalStorage } from 'node:async_hooks';
import { randomUUID } from 'node:crypto';
import type { NextFunction, Request, Response } from 'express';

interface RequestContextStore {
  requestId: string;
}

const storage = new AsyncLocalStorage<RequestContextStore>();
const VALID_REQUEST_ID = /^[\w.:-]{1,128}$/;

/** The id of the request being served: from HTTP `x-request-id`, or carried over the Redis transport. */
export const RequestContext = {
  requestId: (): string | undefined => storage.getStore()?.requestId,
  run: <T>(requestId: string, fn: () => T): T => storage.run({ requestId }, fn),
  /** Accept a caller's id when it is sane, otherwise mint one. */
  normalise: (candidate: unknown): string =>
    typeof candidate === 'string' && VALID_REQUEST_ID.test(candidate) ? candidate : randomUUID(),
};

/** First middleware of every HTTP app: fixes the request id, echoes it, and opens the context. */
export function requestContextMiddleware(req: Request, res: Response, next: NextFunction): void {
  const requestId = RequestContext.normalise(req.headers['x-request-id']);
  req.id = requestId;
  res.setHeader('x-request-id', requestId);
  RequestContext.run(requestId, next);
}
