import { Logger } from '@nestjs/common';
import { ClientRedis, ServerRedis } from '@nestjs/microservices';
import type { RedisOptions } from '@nestjs/microservices';
import { PinoLogger } from 'nestjs-pino';
import { Store, storage } from 'nestjs-pino/storage';
import { RequestContext } from '../logger/request-context';

/**
 * The NestJS Redis transport, with every channel prefixed by BUS_NAMESPACE so that two stacks
 * (a dev platform and a test run, say) can share one Redis without answering each other's calls.
 * Redis pub/sub ignores the DB number, so a prefix is the only isolation there is.
 */
const stripNamespace = (namespace: string, channel: string): string =>
  namespace !== '' && channel.startsWith(namespace) ? channel.slice(namespace.length) : channel;

const withNamespace = (namespace: string, pattern: string): string =>
  namespace === '' || pattern.startsWith(namespace) ? pattern : `${namespace}${pattern}`;

export class NamespacedServerRedis extends ServerRedis {
  private readonly busLogger = new Logger('RedisTransport');

  constructor(
    options: Required<RedisOptions>['options'],
    private readonly namespace: string,
  ) {
    super(options);
  }

  override normalizePattern(pattern: Parameters<ServerRedis['normalizePattern']>[0]): string {
    return withNamespace(this.namespace, super.normalizePattern(pattern));
  }

  /**
   * Every message handler runs in its caller's request context, so its logs and its own RPC calls
   * carry the caller's request id. Done here rather than in an interceptor, which Nest would
   * also wrap around every HTTP request.
   */
  override handleMessage(...args: Parameters<ServerRedis['handleMessage']>): ReturnType<ServerRedis['handleMessage']> {
    const requestId = RequestContext.normalise(requestIdOf(args[1]));
    const root = PinoLogger.root;
    const run = async () => {
      const started = Date.now();
      await super.handleMessage(...args);
      // The bus's access log: one line per message handled, with the caller's request id.
      this.busLogger.log(`${stripNamespace(this.namespace, args[0])} handled in ${Date.now() - started} ms`);
    };
    return RequestContext.run(requestId, () => (root ? storage.run(new Store(root.child({ requestId })), run) : run()));
  }
}

/** The request id from a raw transport message `{ data: { meta: { requestId } } }`, if any. */
function requestIdOf(raw: unknown): unknown {
  try {
    const message = (typeof raw === 'string' || Buffer.isBuffer(raw) ? JSON.parse(raw.toString()) : raw) as {
      data?: { meta?: { requestId?: unknown } };
    };
    return message?.data?.meta?.requestId;
  } catch {
    return undefined;
  }
}

export class NamespacedClientRedis extends ClientRedis {
  constructor(
    options: Required<RedisOptions>['options'],
    private readonly namespace: string,
  ) {
    super(options);
  }

  protected override normalizePattern(pattern: Parameters<ClientRedis['normalizePattern']>[0]): string {
    return withNamespace(this.namespace, super.normalizePattern(pattern));
  }
}

/** ioredis options from a redis:// URL (host, port, db, credentials, TLS). */
export function redisOptionsFromUrl(url: string) {
  const parsed = new URL(url);
  const db = parsed.pathname.length > 1 ? Number(parsed.pathname.slice(1)) : 0;
  return {
    host: parsed.hostname,
    port: parsed.port ? Number(parsed.port) : 6379,
    db,
    username: parsed.username ? decodeURIComponent(parsed.username) : undefined,
    password: parsed.password ? decodeURIComponent(parsed.password) : undefined,
    tls: parsed.protocol === 'rediss:' ? {} : undefined,
  };
}
