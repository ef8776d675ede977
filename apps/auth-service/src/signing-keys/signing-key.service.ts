import { Inject, Injectable, Logger, OnModuleInit } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import {
  calculateJwkThumbprint,
  createLocalJWKSet,
  exportJWK,
  generateKeyPair,
  importJWK,
} from 'jose';
import type { CryptoKey, JWK, JWTVerifyGetKey } from 'jose';
import { DataSource } from 'typeorm';
import { ENV, SecretBox } from '@llmgw/common';
import type { AuthServiceEnv } from '../env.schema';
import { SigningKey } from './signing-key.entity';
import { SigningKeyException } from './signing-key.exception';

export const SIGNING_ALGORITHM = 'ES256';

/** A public key as published in the JWKS. */
export type PublishedJwk = JWK & { kid: string; alg: string; use: 'sig' };

export interface ActiveSigningKey {
  kid: string;
  privateKey: CryptoKey;
}

/** How long the in-memory copy of the public keys is trusted before it is re-read. */
const PUBLIC_KEYS_MAX_AGE_MS = 60_000;

/**
 * Owns the ES256 keys that sign access tokens: makes sure one exists on boot (one key for all
 * replicas, even when they boot together), signs with the newest, publishes the public halves.
 */
@Injectable()
export class SigningKeyService implements OnModuleInit {
  private readonly logger = new Logger(SigningKeyService.name);
  private readonly box: SecretBox | null;
  private active: ActiveSigningKey | null = null;
  private published: PublishedJwk[] = [];
  private publishedAt = 0;
  private keySet: JWTVerifyGetKey = createLocalJWKSet({ keys: [] });

  constructor(
    @InjectDataSource() private readonly dataSource: DataSource,
    @Inject(ENV) env: AuthServiceEnv,
  ) {
    this.box = env.SIGNING_KEY_ENCRYPTION_KEY
      ? new SecretBox(env.SIGNING_KEY_ENCRYPTION_KEY)
      : null;
  }

  async onModuleInit(): Promise<void> {
    const key = await this.ensureSigningKey();
    this.active = { kid: key.kid, privateKey: await this.importPrivate(key) };
    await this.reloadPublicKeys();
    this.logger.log(`Signing access tokens with key ${key.kid}`);
  }

  /** The key to sign new access tokens with. */
  activeKey(): ActiveSigningKey {
    if (!this.active) throw SigningKeyException.noSigningKey();
    return this.active;
  }

  /** Public keys for the JWKS document. */
  async publicKeys(): Promise<PublishedJwk[]> {
    if (Date.now() - this.publishedAt > PUBLIC_KEYS_MAX_AGE_MS) {
      await this.reloadPublicKeys().catch((error: unknown) =>
        this.logger.warn(
          `Serving cached public keys; re-reading them failed: ${(error as Error).message}`,
        ),
      );
    }
    return this.published;
  }

  /** Key resolver for verifying our own access tokens locally (no HTTP round-trip to ourselves). */
  async verificationKeys(): Promise<JWTVerifyGetKey> {
    await this.publicKeys();
    return this.keySet;
  }

  /**
   * Returns the newest key, creating one when there is none. Replicas booting at once serialise on a
   * transaction-scoped advisory lock, so exactly one generates and the others read it.
   */
  private async ensureSigningKey(): Promise<SigningKey> {
    return this.dataSource.transaction(async (em) => {
      await em.query(`SELECT pg_advisory_xact_lock(hashtext('auth-service.signing-keys'))`);
      const [newest] = await em.find(SigningKey, { order: { createdAt: 'DESC' }, take: 1 });
      if (newest) return newest;
      const { publicKey, privateKey } = await generateKeyPair(SIGNING_ALGORITHM, {
        extractable: true,
      });
      const publicJwk = await exportJWK(publicKey);
      const privateJwk = await exportJWK(privateKey);
      const kid = await calculateJwkThumbprint(publicJwk);
      const created = em.create(SigningKey, {
        kid,
        algorithm: SIGNING_ALGORITHM,
        publicJwk,
        privateJwk: this.box ? null : privateJwk,
        privateJwkSealed: this.box ? this.box.seal(JSON.stringify(privateJwk)) : null,
      });
      await em.insert(SigningKey, created);
      this.logger.log(`Generated signing key ${kid}${this.box ? ' (private half sealed)' : ''}`);
      return created;
    });
  }

  private async importPrivate(key: SigningKey): Promise<CryptoKey> {
    let jwk = key.privateJwk;
    if (!jwk) {
      if (!this.box || !key.privateJwkSealed)
        throw SigningKeyException.sealedKeyUnreadable(key.kid);
      try {
        jwk = JSON.parse(this.box.open(key.privateJwkSealed)) as JWK;
      } catch {
        throw SigningKeyException.sealedKeyUnreadable(key.kid);
      }
    }
    return (await importJWK(jwk, key.algorithm)) as CryptoKey;
  }

  private async reloadPublicKeys(): Promise<void> {
    const keys = await this.dataSource
      .getRepository(SigningKey)
      .find({
        select: { kid: true, algorithm: true, publicJwk: true },
        order: { createdAt: 'DESC' },
      });
    this.published = keys.map((k) => toPublishedJwk(k.kid, k.algorithm, k.publicJwk));
    this.keySet = createLocalJWKSet({ keys: this.published });
    this.publishedAt = Date.now();
  }
}

const PUBLIC_MEMBERS = ['kty', 'crv', 'x', 'y', 'n', 'e'] as const;

/** Only the public members of a JWK (never `d` or other private parts), tagged for signature verification. */
export function toPublishedJwk(kid: string, alg: string, jwk: JWK): PublishedJwk {
  const published: PublishedJwk = { kid, alg, use: 'sig' };
  for (const member of PUBLIC_MEMBERS) {
    if (jwk[member] !== undefined) published[member] = jwk[member];
  }
  return published;
}
