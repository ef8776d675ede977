import { ClientRedis, ServerRedis } from '@nestjs/microservices';
import type { RedisOptions } from '@nestjs/microservices';

/**
 * The NestJS Redis transport, with every channel prefixed by BUS_NAMESPACE so that two stacks
 * (a dev platform and a test run, say) can share one Redis without answering each other's calls.
 * Redis pub/sub ignores the DB number, so a prefix is the only isolation there is.
 */
const withNamespace = (namespace: string, pattern: string): string =>
  namespace === '' || pattern.startsWith(namespace) ? pattern : `${namespace}${pattern}`;

export class NamespacedServerRedis extends ServerRedis {
  constructor(
    options: Required<RedisOptions>['options'],
    private readonly namespace: string,
  ) {
    super(options);
  }

  override normalizePattern(pattern: Parameters<ServerRedis['normalizePattern']>[0]): string {
    return withNamespace(this.namespace, super.normalizePattern(pattern));
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
