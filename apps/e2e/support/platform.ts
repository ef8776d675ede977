import { execFileSync, spawn } from 'node:child_process';
import { mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import {
  cleanupRedisPrefix,
  createTestDatabase,
  getFreePort,
  repoRoot,
  spawnService,
  testEncryptionKey,
  testRedisEnv,
  type SpawnedService,
  type TestDatabase,
} from '@llmgw/common/testing';
import { startFakeOpenAIServer } from '@llmgw/llm-providers/testing';

const ROOT = repoRoot();

export const SERVICES = [
  'auth-service',
  'configuration-service',
  'usage-control',
  'analytic-service',
  'logger-service',
  'continue-proxy',
  'model-gateway',
] as const;
export type ServiceName = (typeof SERVICES)[number];

export interface Platform {
  /** The public origin: nginx in front of every service. */
  url: string;
  services: Record<ServiceName, SpawnedService>;
  upstream: Awaited<ReturnType<typeof startFakeOpenAIServer>>;
  upstreamApiKey: string;
  admin: { email: string; password: string };
  env: Record<string, string>;
  database: TestDatabase;
  stop(): Promise<void>;
}

/**
 * The whole platform, for real: every service from the build as its own process against the
 * machine's PostgreSQL (a fresh database) and Redis (its own prefix and bus namespace), nginx in
 * front with the repository's config, and a local server speaking OpenAI's wire protocol as the
 * only upstream provider.
 */
export interface PlatformOptions {
  /** Settings for one service only, e.g. its REDIS_URL through a proxy a test can cut. */
  serviceEnv?: Partial<Record<ServiceName, Record<string, string>>>;
}

export async function startPlatform(label = 'e2e', options: PlatformOptions = {}): Promise<Platform> {
  const database = await createTestDatabase(label);
  const redisEnv = testRedisEnv(label);
  const upstreamApiKey = 'sk-upstream-e2e';
  const upstream = await startFakeOpenAIServer({ apiKey: upstreamApiKey });
  const admin = { email: 'admin@e2e.test', password: 'e2e-admin-password' };
  const ports = Object.fromEntries(await Promise.all(SERVICES.map(async (s) => [s, await getFreePort()] as const))) as Record<ServiceName, number>;
  const runDir = join(ROOT, 'tmp', `${label}-${redisEnv.REDIS_KEY_PREFIX.split(':')[1]}`);
  mkdirSync(runDir, { recursive: true });

  const env: Record<string, string> = {
    ...redisEnv,
    DATABASE_URL: database.url,
    CONFIG_ENCRYPTION_KEY: testEncryptionKey(),
    ADMIN_EMAIL: admin.email,
    ADMIN_PASSWORD: admin.password,
    AUTH_JWKS_URL: `http://127.0.0.1:${ports['auth-service']}/auth/.well-known/jwks.json`,
    CONFIG_RECHECK_MS: '500',
    // A hanging upstream must surface as a 504 within the test's patience.
    UPSTREAM_HEADERS_TIMEOUT_MS: '1500',
    UPSTREAM_RETRIES: '1',
  };

  const started: SpawnedService[] = [];
  let nginx: ReturnType<typeof spawn> | null = null;
  const stop = async () => {
    if (nginx && nginx.exitCode === null) {
      nginx.kill('SIGQUIT');
      await new Promise((r) => nginx?.once('exit', r));
    }
    await Promise.all(started.map((s) => s.stop()));
    await upstream.close();
    await database.drop();
    await cleanupRedisPrefix(redisEnv.REDIS_URL, redisEnv.REDIS_KEY_PREFIX);
  };

  try {
    // auth-service first: the others verify tokens against its JWKS and it migrates the shared roles.
    const envFor = (s: ServiceName) => ({ ...env, ...options.serviceEnv?.[s], PORT: String(ports[s]) });
    started.push(await spawnService('auth-service', envFor('auth-service'), { logDir: runDir }));
    const rest = await Promise.all(
      SERVICES.filter((s) => s !== 'auth-service').map((s) => spawnService(s, envFor(s), { logDir: runDir })),
    );
    started.push(...rest);

    const publicPort = await getFreePort();
    const prefix = join(runDir, 'nginx');
    const portEnv = Object.fromEntries(SERVICES.map((s) => [`${s.toUpperCase().replace(/-/g, '_')}_PORT`, String(ports[s])]));
    const confFile = join(prefix, 'nginx.conf');
    execFileSync(process.execPath, [join(ROOT, 'scripts', 'render-nginx.mjs'), '--target', 'dev', '--prefix', prefix, '--out', confFile], {
      env: { ...process.env, ...portEnv, PUBLIC_PORT: String(publicPort), PUBLIC_HOST: '127.0.0.1' },
    });
    nginx = spawn('nginx', ['-p', prefix, '-c', confFile, '-g', 'daemon off;'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let nginxErr = '';
    nginx.stderr?.on('data', (d: Buffer) => (nginxErr += d.toString()));
    const url = `http://127.0.0.1:${publicPort}`;
    await waitFor(async () => (await fetch(`${url}/v1/models`)).status === 401, () => `nginx did not come up: ${nginxErr}`);

    const services = Object.fromEntries(started.map((s) => [s.name, s])) as Record<ServiceName, SpawnedService>;
    return { url, services, upstream, upstreamApiKey, admin, env, database, stop };
  } catch (error) {
    await stop().catch(() => undefined);
    throw error;
  }
}

export async function waitFor(check: () => Promise<boolean>, describe: () => string, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    try {
      if (await check()) return;
    } catch {
      // not yet
    }
    if (Date.now() > deadline) throw new Error(describe());
    await new Promise((r) => setTimeout(r, 100));
  }
}

/** JSON over HTTP with an optional bearer token; returns status and parsed body. */
export async function api<T = unknown>(
  url: string,
  options: { method?: string; token?: string; body?: unknown } = {},
): Promise<{ status: number; body: T; headers: Headers }> {
  const res = await fetch(url, {
    method: options.method ?? (options.body === undefined ? 'GET' : 'POST'),
    headers: {
      ...(options.body !== undefined && { 'content-type': 'application/json' }),
      ...(options.token && { authorization: `Bearer ${options.token}` }),
    },
    body: options.body === undefined ? undefined : JSON.stringify(options.body),
  });
  const text = await res.text();
  let body: unknown = text;
  try {
    body = text ? JSON.parse(text) : null;
  } catch {
    // not JSON
  }
  return { status: res.status, body: body as T, headers: res.headers };
}

/** The tail of a service's log, for a failing assertion's message. */
export const logTail = (service: SpawnedService, lines = 40): string =>
  readFileSync(service.logFile, 'utf8').split('\n').slice(-lines).join('\n');
