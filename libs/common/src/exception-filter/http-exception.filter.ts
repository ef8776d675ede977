import { ArgumentsHost, Catch, ExceptionFilter, Logger } from '@nestjs/common';
import type { Response } from 'express';
import { classifyError } from './error-classifier';

/** Admin and auth APIs: `{ error: { code, message, details } }` with the mapped status. Never a stack trace. */
@Catch()
export class HttpExceptionFilter implements ExceptionFilter {
  private readonly logger = new Logger('HttpExceptionFilter');

  catch(exception: unknown, host: ArgumentsHost): void {
    if (host.getType() !== 'http') return;
    const res = host.switchToHttp().getResponse<Response>();
    const classified = classifyError(exception);
    if (classified.unexpected) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    if (res.headersSent) {
      res.end();
      return;
    }
    res.status(classified.status).json({
      error: { code: classified.code, message: classified.message, ...(classified.details !== undefined && { details: classified.details }) },
    });
  }
}
