import type { IncomingMessage } from 'node:http';
import { LoggerModule } from 'nestjs-pino';
import type { BaseEnv } from '../config/env';

/** Header and body fields that must never reach a log line. */
export const REDACTED_PATHS = [
  'req.headers.authorization',
  'req.headers["x-api-key"]',
  'req.headers["api-key"]',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  '*.password',
  '*.apiKey',
  '*.api_key',
  '*.accessToken',
  '*.refreshToken',
  '*.key',
];

const QUIET_PATHS = ['/health/live', '/health/ready', '/metrics'];

/** nestjs-pino for a service: JSON logs, the request id on every line, secrets redacted. */
export function createLoggerModule(service: string, env: Pick<BaseEnv, 'LOG_LEVEL' | 'NODE_ENV' | 'HTTP_ACCESS_LOG'>) {
  return LoggerModule.forRoot({
    pinoHttp: {
      level: env.LOG_LEVEL,
      base: { service },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      // requestContextMiddleware ran first and fixed the id (pino-http types it as req.id).
      genReqId: (req: IncomingMessage) => req.id,
      customAttributeKeys: { reqId: 'requestId' },
      autoLogging: env.HTTP_ACCESS_LOG ? { ignore: (req: IncomingMessage) => QUIET_PATHS.includes(req.url ?? '') } : false,
      serializers: {
        req: (req: { id: string; method: string; url: string }) => ({ id: req.id, method: req.method, url: req.url }),
      },
    },
  });
}
