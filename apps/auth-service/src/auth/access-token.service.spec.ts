import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { createLocalJWKSet, exportJWK, generateKeyPair, type CryptoKey } from 'jose';
import type { Role, Team, User } from '@llmgw/common/entities';
import { JwtStrategy } from '@llmgw/common/guards';
import type { AuthServiceEnv } from '../env.schema';
import {
  toPublishedJwk,
  type PublishedJwk,
  type SigningKeyService,
} from '../signing-keys/signing-key.service';
import { AccessTokenService } from './access-token.service';

/**
 * The contract with every other service: a token issued here is accepted by libs/common's
 * JwtStrategy (fetching our JWKS over HTTP) and yields the same caller.
 */
describe('AccessTokenService', () => {
  const env = {
    JWT_ISSUER: 'llmgw-auth',
    JWT_AUDIENCE: 'llmgw',
    ACCESS_TOKEN_TTL_SECONDS: 900,
  } as AuthServiceEnv;
  const user = {
    id: '6f1c3c1e-4a4b-4c55-9d7e-1f2a3b4c5d6e',
    email: 'ada@example.test',
    role: { name: 'user' } as Role,
    team: { id: '0b7e2f4a-1111-4222-8333-944455556666' } as Team,
  } as User;

  let server: Server;
  let jwksUrl: string;
  let published: PublishedJwk[];
  let signingKeys: SigningKeyService;
  let tokens: AccessTokenService;

  beforeAll(async () => {
    const { publicKey, privateKey } = await generateKeyPair('ES256', { extractable: true });
    published = [toPublishedJwk('kid-1', 'ES256', await exportJWK(publicKey))];
    signingKeys = {
      activeKey: () => ({ kid: 'kid-1', privateKey: privateKey as CryptoKey }),
      verificationKeys: async () => createLocalJWKSet({ keys: published }),
    } as unknown as SigningKeyService;
    tokens = new AccessTokenService(signingKeys, env);

    server = createServer((_req, res) =>
      res.setHeader('content-type', 'application/json').end(JSON.stringify({ keys: published })),
    );
    await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
    jwksUrl = `http://127.0.0.1:${(server.address() as AddressInfo).port}/auth/.well-known/jwks.json`;
  });

  afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

  it('issues tokens the shared JwtStrategy accepts as the same user', async () => {
    const { token, expiresIn } = await tokens.issue(user);
    expect(expiresIn).toBe(900);

    const strategy = new JwtStrategy({
      AUTH_JWKS_URL: jwksUrl,
      JWT_ISSUER: 'llmgw-auth',
      JWT_AUDIENCE: 'llmgw',
    });
    await expect(strategy.validate(token)).resolves.toEqual({
      userId: user.id,
      email: 'ada@example.test',
      role: 'user',
      teamId: '0b7e2f4a-1111-4222-8333-944455556666',
    });
  });

  it('verifies its own tokens and rejects a token for another audience', async () => {
    const { token } = await tokens.issue(user);
    await expect(tokens.verify(token)).resolves.toMatchObject({ sub: user.id, role: 'user' });

    const foreign = new AccessTokenService(signingKeys, { ...env, JWT_AUDIENCE: 'someone-else' });
    await expect(tokens.verify((await foreign.issue(user)).token)).resolves.toBeNull();
    await expect(tokens.verify('not.a.token')).resolves.toBeNull();
  });
});
