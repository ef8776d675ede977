import Redis from 'ioredis';
import type { EventStreamName, EventTypeMap } from '../contracts/events.contracts';
import { appendStreamEvent } from './event-stream';
import { createUser, loginAs, type LoginSession, type TestAccount } from './http';
import { cleanupRedisPrefix, spawnService, type SpawnedService } from './spawn-service';
import { TcpProxy } from './tcp-proxy';
import { createTestDatabase, testRedisEnv, type TestDatabase, type TestRedisEnv } from './test-env';

export interface ServicesWithAuthOptions {
  /** The service under test, as its folder in dist/apps. */
  service: string;
  /** Names the test database and the Redis prefix. */
  label: string;
  /** The first admin auth-service seeds (ADMIN_EMAIL, ADMIN_PASSWORD); the harness logs in as them. */
  admin: TestAccount;
  /** A non-admin user the admin creates (role `user`) and the harness logs in as. */
  user?: TestAccount;
  /** More environment for the service under test. */
  env?: Record<string, string>;
  /** Puts a TcpProxy between the service under test and PostgreSQL, so that a test can cut the database. */
  proxyDatabase?: boolean;
}

export interface ServicesWithAuth {
  db: TestDatabase;
  redisEnv: TestRedisEnv;
  /** A plain client on the test's Redis (no key prefix of its own), closed by stop(). */
  redis: Redis;
  auth: SpawnedService;
  /** The service under test, as last started. */
  readonly service: SpawnedService;
  /** The environment the service under test runs with. */
  serviceEnv: Record<string, string>;
  /** Between the service under test and PostgreSQL; only with `proxyDatabase`. */
  readonly databaseProxy: TcpProxy;
  /** The admin, logged in. */
  admin: LoginSession;
  /** The non-admin user, logged in; only with `user`. */
  readonly user: LoginSession;
  /** Appends an event to a stream under the test's key prefix, exactly as EventPublisher does. */
  appendStreamEvent<S extends EventStreamName>(stream: S, event: EventTypeMap[S]): Promise<string | null>;
  /** Starts the service under test again with the same environment (stopping it first if it runs). */
  restartService(): Promise<SpawnedService>;
  /** Stops the services and the proxy, then removes the test's Redis keys and its database. */
  stop(): Promise<void>;
}

const onlyWith = <T>(value: T | undefined, option: string): T => {
  if (value === undefined) throw new Error(`Start the services with { ${option} } to use this`);
  return value;
};

/**
 * The usual integration set-up of a service that trusts auth-service's tokens: a fresh database
 * and Redis prefix, auth-service seeding the admin, the service under test pointed at auth-service's
 * JWKS, the admin (and a plain user, if asked) logged in. What was started is stopped again if a
 * step fails.
 */
export async function startServicesWithAuth(options: ServicesWithAuthOptions): Promise<ServicesWithAuth> {
  const db = await createTestDatabase(options.label);
  const redisEnv = testRedisEnv(options.label);
  const redis = new Redis(redisEnv.REDIS_URL);
  let databaseProxy: TcpProxy | undefined;
  let auth: SpawnedService | undefined;
  let service: SpawnedService | undefined;

  const stop = async (): Promise<void> => {
    redis.disconnect();
    await service?.stop();
    await auth?.stop();
    await databaseProxy?.down();
    await cleanupRedisPrefix(redisEnv.REDIS_URL, redisEnv.REDIS_KEY_PREFIX);
    await db.drop();
  };

  try {
    if (options.proxyDatabase) databaseProxy = await TcpProxy.start(db.url);
    const authService = await spawnService('auth-service', {
      DATABASE_URL: db.url,
      ...redisEnv,
      ADMIN_EMAIL: options.admin.email,
      ADMIN_PASSWORD: options.admin.password,
    });
    auth = authService;
    const serviceEnv = {
      DATABASE_URL: databaseProxy ? databaseProxy.via(db.url) : db.url,
      ...redisEnv,
      AUTH_JWKS_URL: `${authService.url}/auth/.well-known/jwks.json`,
      ...options.env,
    };
    const started = await spawnService(options.service, serviceEnv);
    service = started;
    const admin = await loginAs(authService.url, options.admin);
    let user: LoginSession | undefined;
    if (options.user) {
      await createUser(authService.url, admin.accessToken, { ...options.user, role: 'user' });
      user = await loginAs(authService.url, options.user);
    }
    return {
      db,
      redisEnv,
      redis,
      auth: authService,
      get service() {
        return service ?? started;
      },
      serviceEnv,
      get databaseProxy() {
        return onlyWith(databaseProxy, 'proxyDatabase: true');
      },
      admin,
      get user() {
        return onlyWith(user, 'user');
      },
      appendStreamEvent: (stream, event) => appendStreamEvent(redis, redisEnv.REDIS_KEY_PREFIX, stream, event),
      restartService: async () => {
        await service?.stop();
        const restarted = await spawnService(options.service, serviceEnv);
        service = restarted;
        return restarted;
      },
      stop,
    };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}
