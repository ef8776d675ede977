import { ChildProcess, spawn } from 'node:child_process';
import { createWriteStream, existsSync, mkdirSync } from 'node:fs';
import { createServer } from 'node:net';
import { dirname, join } from 'node:path';
import Redis from 'ioredis';

/** The repository root, whether this runs from the sources (tests) or from dist (the benchmark). */
export function repoRoot(): string {
  let dir = __dirname;
  while (!existsSync(join(dir, 'pnpm-workspace.yaml'))) {
    const parent = dirname(dir);
    if (parent === dir) throw new Error('Not inside the repository');
    dir = parent;
  }
  return dir;
}

const ROOT = repoRoot();

/** A free TCP port on 127.0.0.1. */
export function getFreePort(): Promise<number> {
  return new Promise((resolvePort, reject) => {
    const server = createServer();
    server.unref();
    server.on('error', reject);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      server.close(() => (typeof address === 'object' && address ? resolvePort(address.port) : reject(new Error('no port'))));
    });
  });
}

export interface SpawnedService {
  name: string;
  url: string;
  port: number;
  process: ChildProcess;
  logFile: string;
  stop(): Promise<void>;
}

/**
 * Boots a service for real, from the build (`pnpm build` first), as its own process, and waits for
 * /health/ready. Used by integration and end-to-end tests: apps never import each other, not even in tests.
 */
export async function spawnService(
  name: string,
  env: Record<string, string>,
  options: { readyTimeoutMs?: number; logDir?: string } = {},
): Promise<SpawnedService> {
  const port = env.PORT ? Number(env.PORT) : await getFreePort();
  const logDir = options.logDir ?? join(ROOT, 'tmp', 'test-logs');
  mkdirSync(logDir, { recursive: true });
  const logFile = join(logDir, `${name}-${port}.log`);
  const log = createWriteStream(logFile);
  const entry = join(ROOT, 'dist', 'apps', name, 'src', 'main.js');
  const child = spawn(process.execPath, [entry], {
    cwd: ROOT,
    env: { ...process.env, NODE_ENV: 'test', LOG_LEVEL: 'info', HOST: '127.0.0.1', ...env, PORT: String(port) },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  child.stdout?.pipe(log);
  child.stderr?.pipe(log);
  const url = `http://127.0.0.1:${port}`;
  const exited = new Promise<number | null>((r) => child.once('exit', (code) => r(code)));

  const deadline = Date.now() + (options.readyTimeoutMs ?? 30_000);
  let lastError: string;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`${name} exited with ${child.exitCode} before it was ready; see ${logFile}`);
    try {
      const res = await fetch(`${url}/health/ready`);
      if (res.status === 200) break;
      lastError = `${res.status} ${await res.text()}`;
    } catch (error) {
      lastError = (error as Error).message;
    }
    if (Date.now() > deadline) {
      child.kill('SIGKILL');
      throw new Error(`${name} not ready after ${options.readyTimeoutMs ?? 30_000} ms (${lastError}); see ${logFile}`);
    }
    await new Promise((r) => setTimeout(r, 150));
  }

  return {
    name,
    url,
    port,
    process: child,
    logFile,
    stop: async () => {
      if (child.exitCode !== null) return;
      child.kill('SIGTERM');
      const timer = setTimeout(() => child.kill('SIGKILL'), 8000);
      await exited;
      clearTimeout(timer);
      log.end();
    },
  };
}

/** Deletes every key under a test's Redis prefix. */
export async function cleanupRedisPrefix(redisUrl: string, prefix: string): Promise<void> {
  const redis = new Redis(redisUrl, { lazyConnect: true, maxRetriesPerRequest: 1 });
  await redis.connect();
  try {
    let cursor = '0';
    do {
      const [next, keys] = await redis.scan(cursor, 'MATCH', `${prefix}*`, 'COUNT', 1000);
      cursor = next;
      if (keys.length > 0) await redis.del(...keys);
    } while (cursor !== '0');
  } finally {
    redis.disconnect();
  }
}
