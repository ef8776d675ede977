import { Inject, Injectable, Logger } from '@nestjs/common';
import type { IncomingHttpHeaders } from 'node:http';
import { LRUCache } from 'lru-cache';
import { AuthRpc, sha256Hex, type ApiKeyPrincipal } from '@llmgw/common';
import { RpcClient } from '@llmgw/common/bus';
import { ENV } from '@llmgw/common/config';
import type { GatewayEnv } from '../env.schema';
import { GatewayErrorCode, GatewayException } from '../openai-api/gateway.exception';

interface CacheEntry {
  principal: ApiKeyPrincipal | null;
}

/** `Authorization: Bearer <key>`, `x-api-key: <key>` (Anthropic-style) or `api-key: <key>` (Azure-style). */
export function extractApiKey(headers: IncomingHttpHeaders): string | null {
  const authorization = headers.authorization;
  if (typeof authorization === 'string') {
    const match = /^Bearer\s+(\S+)\s*$/i.exec(authorization);
    if (match?.[1]) return match[1];
  }
  for (const name of ['x-api-key', 'api-key'] as const) {
    const value = headers[name];
    if (typeof value === 'string' && value.trim() !== '') return value.trim();
  }
  return null;
}

const mask = (key: string): string => (key.length <= 10 ? '****' : `${key.slice(0, 8)}****${key.slice(-4)}`);

/**
 * API keys on the hot path: SHA-256, then an in-process LRU. Only a miss asks auth-service
 * (one RPC per key, however many requests wait for it). Revocations evict at once through the
 * `auth.key.revoked` broadcast; the TTL bounds how long a missed broadcast can matter. If
 * auth-service is unreachable, a recently valid key keeps working from the stale cache.
 */
@Injectable()
export class ApiKeyAuthenticator {
  private readonly logger = new Logger(ApiKeyAuthenticator.name);
  private readonly cache: LRUCache<string, CacheEntry>;
  private readonly inflight = new Map<string, Promise<ApiKeyPrincipal | null>>();

  constructor(
    private readonly rpc: RpcClient,
    @Inject(ENV) private readonly env: GatewayEnv,
  ) {
    this.cache = new LRUCache<string, CacheEntry>({
      max: env.API_KEY_CACHE_MAX,
      ttl: Math.max(env.API_KEY_CACHE_TTL_MS, 1),
      ttlAutopurge: false,
      noDeleteOnStaleGet: true,
    });
  }

  async authenticate(headers: IncomingHttpHeaders): Promise<ApiKeyPrincipal> {
    const key = extractApiKey(headers);
    if (!key) {
      throw new GatewayException(
        GatewayErrorCode.MissingApiKey,
        "You didn't provide an API key. You need to provide your API key in an Authorization header using Bearer auth (i.e. Authorization: Bearer YOUR_KEY), or in an x-api-key header.",
      );
    }
    const keyHash = sha256Hex(key);
    const cached = this.cache.get(keyHash);
    const principal = cached ? cached.principal : await this.lookup(keyHash);
    if (!principal || (principal.expiresAt !== null && Date.parse(principal.expiresAt) <= Date.now())) {
      throw new GatewayException(GatewayErrorCode.InvalidApiKey, `Incorrect API key provided: ${mask(key)}.`);
    }
    return principal;
  }

  evictKey(keyHash: string): void {
    this.cache.delete(keyHash);
  }

  evictUser(userId: string): void {
    for (const [hash, entry] of this.cache.entries()) {
      if (entry.principal?.userId === userId) this.cache.delete(hash);
    }
  }

  private lookup(keyHash: string): Promise<ApiKeyPrincipal | null> {
    let pending = this.inflight.get(keyHash);
    if (!pending) {
      pending = this.fetch(keyHash).finally(() => this.inflight.delete(keyHash));
      this.inflight.set(keyHash, pending);
    }
    return pending;
  }

  private async fetch(keyHash: string): Promise<ApiKeyPrincipal | null> {
    try {
      const principal = await this.rpc.send(AuthRpc.apiKeyValidate, { keyHash });
      const ttl = principal ? this.env.API_KEY_CACHE_TTL_MS : this.env.API_KEY_NEGATIVE_CACHE_TTL_MS;
      if (ttl > 0) this.cache.set(keyHash, { principal }, { ttl });
      return principal;
    } catch (error) {
      const stale = this.cache.get(keyHash, { allowStale: true });
      if (stale) return stale.principal;
      this.logger.warn(`API key lookup failed: ${(error as Error).message}`);
      throw new GatewayException(
        GatewayErrorCode.AuthUnavailable,
        'The gateway cannot verify API keys right now. Please retry shortly.',
      );
    }
  }
}
