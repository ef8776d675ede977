import { exportJWK, generateKeyPair } from 'jose';
import { toPublishedJwk } from './signing-key.service';

describe('toPublishedJwk', () => {
  it('publishes the public EC members with kid, alg and use, and never the private scalar', async () => {
    const { privateKey } = await generateKeyPair('ES256', { extractable: true });
    const privateJwk = await exportJWK(privateKey);
    expect(privateJwk.d).toBeDefined();

    const published = toPublishedJwk('kid-1', 'ES256', privateJwk);

    expect(published).toEqual({
      kid: 'kid-1',
      alg: 'ES256',
      use: 'sig',
      kty: 'EC',
      crv: 'P-256',
      x: privateJwk.x,
      y: privateJwk.y,
    });
    expect(published).not.toHaveProperty('d');
  });
});
