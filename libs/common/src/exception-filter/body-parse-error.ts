import type { NextFunction, Request, Response } from 'express';
import { RpcErrorCode } from '../contracts/rpc';
import { ServiceException } from './service.exception';

export enum BodyErrorReason {
  InvalidJson = 'INVALID_JSON',
}

/**
 * A body that is not valid JSON. Nest would turn the parser's SyntaxError into a bare
 * BadRequestException with the parser's wording; this keeps it recognisable, so every API can
 * answer in its own format with a message that says what is wrong.
 */
export class BodyParseException extends ServiceException<BodyErrorReason> {
  constructor(detail: string) {
    super(RpcErrorCode.BadRequest, BodyErrorReason.InvalidJson, `The request body is not valid JSON (${detail}).`);
  }
}

export function bodyParseErrorMiddleware(error: unknown, _req: Request, _res: Response, next: NextFunction): void {
  const parseFailed = (error as { type?: unknown } | null)?.type === 'entity.parse.failed';
  next(parseFailed ? new BodyParseException((error as Error).message) : error);
}
