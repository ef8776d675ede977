import { ArgumentsHost, Catch, Logger as NestLogger, type ExceptionFilter, type INestApplication, type Type } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { MicroserviceOptions } from '@nestjs/microservices';
import type { IncomingMessage } from 'node:http';
import type { NestExpressApplication } from '@nestjs/platform-express';
import { Logger } from 'nestjs-pino';
import { NamespacedServerRedis, redisOptionsFromUrl } from '../bus/redis-transport';
import type { BaseEnv } from '../config/env';
import { HttpExceptionFilter } from '../exception-filter/http-exception.filter';
import { RpcExceptionFilter } from '../exception-filter/rpc-exception.filter';
import { bodyParseErrorMiddleware } from '../exception-filter/body-parse-error';
import { requestContextMiddleware } from '../logger/request-context';

export interface BootstrapOptions {
  module: Type | ReturnType<typeof Object>;
  env: BaseEnv;
  /** Replaces the default `{ error: { code, message } }` filter (the gateway answers in OpenAI's shape). */
  httpFilter?: ExceptionFilter;
  /**
   * Which bodies are parsed as JSON (a content type, or a test of the request). The gateway reads
   * every body as JSON, as the model APIs it speaks only take JSON, so `curl -d` works without a header.
   */
  jsonBodyType?: string | ((req: IncomingMessage) => boolean);
  /** Called before listen, e.g. to add raw middleware. */
  configure?: (app: NestExpressApplication) => void;
}

/**
 * Every service is a hybrid app: an HTTP server for its API plus a Redis-transport listener.
 * One request id runs through HTTP, logs and RPC; errors leave as JSON, never as a stack trace.
 */
export async function bootstrapService(options: BootstrapOptions): Promise<INestApplication> {
  try {
    const app = await startService(options);
    // Once up, client libraries may reject the commands they had in flight when a connection
    // drops (Redis, PostgreSQL), sometimes on promises nobody awaits. A running service outlives
    // an outage of its stores: such a rejection is logged, never a crash.
    process.on('unhandledRejection', (reason) => {
      new NestLogger('Process').error(`Unhandled rejection: ${reason instanceof Error ? (reason.stack ?? reason.message) : String(reason)}`);
    });
    return app;
  } catch (error) {
    // A service that cannot start (bad settings, a store it cannot migrate) exits, so a supervisor sees it.
    new NestLogger('Bootstrap').error(`Cannot start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}`);
    process.exit(1);
  }
}

async function startService(options: BootstrapOptions): Promise<INestApplication> {
  const { env } = options;
  const app = await NestFactory.create<NestExpressApplication>(options.module as Type, {
    bufferLogs: true,
    // Registered below with our limit, and followed by the handler that names a malformed body.
    bodyParser: false,
  });
  app.useLogger(app.get(Logger));
  app.disable('x-powered-by');
  app.set('trust proxy', 'loopback, uniquelocal');
  app.use(requestContextMiddleware);
  app.useBodyParser('json', { limit: env.BODY_LIMIT, type: options.jsonBodyType ?? 'application/json' });
  app.useBodyParser('urlencoded', { limit: env.BODY_LIMIT, extended: true });
  app.use(bodyParseErrorMiddleware);
  app.useGlobalFilters(new ContextExceptionFilter(options.httpFilter ?? new HttpExceptionFilter(), new RpcExceptionFilter()));
  const origins = env.CORS_ORIGINS.split(',').map((o) => o.trim()).filter(Boolean);
  if (origins.length > 0) app.enableCors({ origin: origins, credentials: true });
  app.enableShutdownHooks();
  options.configure?.(app);

  app.connectMicroservice<MicroserviceOptions>(
    {
      strategy: new NamespacedServerRedis(
        { ...redisOptionsFromUrl(env.REDIS_URL), retryAttempts: Number.MAX_SAFE_INTEGER, retryDelay: 1000 },
        env.BUS_NAMESPACE,
      ),
    },
    // The app's global filters serve the message handlers too.
    { inheritAppConfig: true },
  );

  await app.startAllMicroservices();
  await app.listen(env.PORT, env.HOST);
  return app;
}

/** One global filter: HTTP errors in the service's HTTP format, message-handler errors as RPC error bodies. */
@Catch()
class ContextExceptionFilter implements ExceptionFilter {
  constructor(
    private readonly http: ExceptionFilter,
    private readonly rpc: RpcExceptionFilter,
  ) {}

  catch(exception: unknown, host: ArgumentsHost) {
    return host.getType() === 'rpc' ? this.rpc.catch(exception, host) : this.http.catch(exception, host);
  }
}
