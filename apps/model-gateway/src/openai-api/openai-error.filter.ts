import { ArgumentsHost, Catch, ExceptionFilter, HttpException, Logger } from '@nestjs/common';
import type { Request, Response } from 'express';
import { BodyParseException, classifyError, HttpExceptionFilter } from '@llmgw/common/exception-filter';
import { isProviderError, type OpenAIErrorBody } from '@llmgw/llm-providers';
import { COST_HEADER } from '../usage/usage-recorder.service';
import { GatewayErrorCode, GatewayException } from './gateway.exception';

/**
 * Every gateway error leaves in OpenAI's shape `{ error: { message, type, param, code } }` with the
 * status the official SDKs expect, so they raise their typed errors. Never a stack trace.
 */
@Catch()
export class OpenAIErrorFilter implements ExceptionFilter {
  private readonly logger = new Logger('OpenAIErrorFilter');
  private readonly fallback = new HttpExceptionFilter();

  catch(exception: unknown, host: ArgumentsHost): void {
    const ctx = host.switchToHttp();
    const res = ctx.getResponse<Response>();
    const req = ctx.getRequest<Request>();
    // Health, metrics: the platform's own error shape.
    if (!req.path.startsWith('/v1')) return this.fallback.catch(exception, host);
    const { status, body } = this.toOpenAI(exception, req);
    if (res.headersSent) {
      if (!res.writableEnded) res.end();
      return;
    }
    if (!res.hasHeader(COST_HEADER)) res.setHeader(COST_HEADER, '0');
    res.status(status).json(body);
  }

  private toOpenAI(exception: unknown, req: Request): { status: number; body: OpenAIErrorBody } {
    if (exception instanceof GatewayException) return { status: exception.status, body: exception.toOpenAIErrorBody() };
    if (isProviderError(exception)) return { status: exception.status, body: exception.toOpenAIErrorBody() };
    if (exception instanceof HttpException && exception.getStatus() === 404) {
      const e = new GatewayException(GatewayErrorCode.UnknownUrl, `Unknown request URL: ${req.method} ${req.path}.`);
      return { status: e.status, body: e.toOpenAIErrorBody() };
    }
    if (exception instanceof BodyParseException) {
      const e = new GatewayException(
        GatewayErrorCode.InvalidJson,
        'We could not parse the JSON body of your request. The body must be valid JSON (Content-Type: application/json).',
      );
      return { status: e.status, body: e.toOpenAIErrorBody() };
    }
    const classified = classifyError(exception);
    if (classified.status === 413) {
      const e = new GatewayException(GatewayErrorCode.BodyTooLarge, 'The request body is too large.');
      return { status: e.status, body: e.toOpenAIErrorBody() };
    }
    if (classified.unexpected) this.logger.error(exception instanceof Error ? exception.stack : String(exception));
    const type = classified.status >= 500 ? 'server_error' : 'invalid_request_error';
    return { status: classified.status, body: { error: { message: classified.message, type, param: null, code: classified.code.toLowerCase() } } };
  }
}
