import { ArgumentsHost, Catch, Logger, RpcExceptionFilter as NestRpcExceptionFilter } from '@nestjs/common';
import { Observable, throwError } from 'rxjs';
import { RpcErrorBody, RpcErrorCode } from '../contracts/rpc';
import { RpcCallError } from '../bus/rpc-client';
import { ServiceException } from './service.exception';

/** Every message handler answers failures as `{ code, message, details }`, which RpcClient rethrows typed. */
@Catch()
export class RpcExceptionFilter implements NestRpcExceptionFilter<unknown> {
  private readonly logger = new Logger('RpcExceptionFilter');

  catch(exception: unknown, _host: ArgumentsHost): Observable<never> {
    let body: RpcErrorBody;
    if (exception instanceof ServiceException) {
      body = { code: exception.category, message: exception.message, details: { reason: exception.reason, ...(exception.details !== undefined && { info: exception.details }) } };
    } else if (exception instanceof RpcCallError) {
      body = { code: exception.code, message: exception.message, details: exception.details };
    } else {
      this.logger.error(exception instanceof Error ? exception.stack : String(exception));
      body = { code: RpcErrorCode.Internal, message: 'Internal error' };
    }
    return throwError(() => body);
  }
}
