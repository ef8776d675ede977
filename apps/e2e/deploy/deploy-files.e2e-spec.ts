/**
 * The deployment files, checked without Docker:
 * - docker-compose.yml against the Compose Specification schema (scripts/compose-spec.schema.json),
 *   after the same variable interpolation compose does, with one service per app;
 * - the nginx config from nginx/nginx.conf.template, dev and compose renderings, with `nginx -t`,
 *   and the dev rendering serving real requests in front of stand-in upstreams;
 * - start-prod.sh starting, probing and stopping stand-in services from a scratch copy;
 * - the shell scripts' syntax (bash -n).
 * Everything runs on ports picked at random and in temporary directories, so a running
 * `scripts/dev.sh up` stack is never touched.
 */
import { spawn, spawnSync, type ChildProcess, type SpawnSyncReturns } from 'node:child_process';
import {
  chmodSync,
  copyFileSync,
  existsSync,
  mkdirSync,
  mkdtempSync,
  readdirSync,
  readFileSync,
  rmSync,
  writeFileSync,
} from 'node:fs';
import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import Ajv2019 from 'ajv/dist/2019';
import addFormats from 'ajv-formats';
import { parse as parseYaml } from 'yaml';

const ROOT = join(__dirname, '..', '..', '..');
const SECRETS_FROM_COMPOSE_ENV = ['ADMIN_PASSWORD', 'CONFIG_ENCRYPTION_KEY', 'POSTGRES_PASSWORD'];

interface ServiceEntry {
  name: string;
  port: number;
  portVar: string;
}

function servicesList(): ServiceEntry[] {
  return readFileSync(join(ROOT, 'scripts', 'services.list'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [name, port] = line.split(/\s+/);
      return { name, port: Number(port), portVar: `${name.toUpperCase().replace(/-/g, '_')}_PORT` };
    });
}

function appNames(): string[] {
  return readdirSync(join(ROOT, 'apps'), { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && !['e2e', 'configuration-ui'].includes(entry.name))
    .map((entry) => entry.name)
    .sort();
}

function nginxBinary(): string {
  const onPath = spawnSync('bash', ['-c', 'command -v nginx'], { encoding: 'utf8' }).stdout.trim();
  const bin = onPath || '/usr/sbin/nginx';
  if (!existsSync(bin)) throw new Error('nginx is not installed (scripts/dev.sh test installs it)');
  return bin;
}

function run(
  cmd: string,
  args: string[],
  options: { env?: NodeJS.ProcessEnv; cwd?: string; timeout?: number } = {},
): SpawnSyncReturns<string> {
  return spawnSync(cmd, args, {
    encoding: 'utf8',
    cwd: options.cwd ?? ROOT,
    env: options.env ?? process.env,
    timeout: options.timeout ?? 30_000,
  });
}

function render(args: string[], env: NodeJS.ProcessEnv = process.env): SpawnSyncReturns<string> {
  const result = run(process.execPath, [join(ROOT, 'scripts', 'render-nginx.mjs'), ...args], {
    env,
  });
  if (result.status !== 0)
    throw new Error(`render-nginx ${args.join(' ')} failed: ${result.stderr}`);
  return result;
}

function nginxTest(prefix: string, conf: string): SpawnSyncReturns<string> {
  return run(nginxBinary(), [
    '-t',
    '-p',
    `${prefix}/`,
    '-e',
    join(prefix, 'error.log'),
    '-c',
    conf,
  ]);
}

async function freePort(): Promise<number> {
  const server = createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;
  await new Promise((resolve) => server.close(resolve));
  return port;
}

async function waitFor(
  check: () => Promise<boolean>,
  timeoutMs: number,
  what: string,
): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline) {
    if (await check().catch(() => false)) return;
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
  throw new Error(`timed out waiting for ${what}`);
}

// --- compose interpolation, as `docker compose config` does it ---------------------------------

type Env = Record<string, string | undefined>;

function parseEnvFile(path: string): Env {
  const env: Env = {};
  for (const line of readFileSync(path, 'utf8').split('\n')) {
    const match = /^([A-Za-z_][A-Za-z0-9_]*)=(.*)$/.exec(line.trim());
    if (match) env[match[1]] = match[2];
  }
  return env;
}

const INTERPOLATION =
  /\$\$|\$\{([A-Za-z_][A-Za-z0-9_]*)(?:(:?[-?+])([^{}]*))?\}|\$([A-Za-z_][A-Za-z0-9_]*)/g;

function interpolate(value: unknown, env: Env, missing: Set<string>): unknown {
  if (typeof value === 'string') {
    return value.replace(
      INTERPOLATION,
      (match: string, name?: string, op?: string, arg = '', bare?: string) => {
        if (match === '$$') return '$';
        if (bare) return env[bare] ?? '';
        const current = env[name as string];
        const empty = current === undefined || current === '';
        switch (op) {
          case ':-':
            return empty ? arg : (current as string);
          case '-':
            return current === undefined ? arg : current;
          case ':?':
          case '?':
            if (op === ':?' ? empty : current === undefined) missing.add(name as string);
            return current ?? '';
          case ':+':
            return empty ? '' : arg;
          case '+':
            return current === undefined ? '' : arg;
          default:
            return current ?? '';
        }
      },
    );
  }
  if (Array.isArray(value)) return value.map((item) => interpolate(item, env, missing));
  if (value && typeof value === 'object') {
    return Object.fromEntries(
      Object.entries(value).map(([key, item]) => [key, interpolate(item, env, missing)]),
    );
  }
  return value;
}

/** Removes every string-valued "id" keyword (a property named id has an object schema instead). */
function stripLegacyIds(node: unknown): void {
  if (Array.isArray(node)) node.forEach(stripLegacyIds);
  else if (node && typeof node === 'object') {
    const record = node as Record<string, unknown>;
    if (typeof record.id === 'string') delete record.id;
    Object.values(record).forEach(stripLegacyIds);
  }
}

function composeValidator() {
  const schema = JSON.parse(
    readFileSync(join(ROOT, 'scripts', 'compose-spec.schema.json'), 'utf8'),
  );
  // The vendored file names its draft by an http:// URI that Ajv does not register, and carries
  // legacy draft-04 "id" annotations that Ajv rejects; the draft is 2019-09, which Ajv2019 implements.
  delete schema.$schema;
  stripLegacyIds(schema);
  const ajv = new Ajv2019({ strict: false, allErrors: true });
  addFormats(ajv);
  // Compose's own formats (compose-go registers these): Go durations, port specs, subnets.
  ajv.addFormat('duration', /^(\d+(\.\d+)?(ns|us|µs|ms|s|m|h))+$/);
  ajv.addFormat(
    'ports',
    /^((\[[0-9a-fA-F:.]+\]|[0-9.]+):)?(\d+(-\d+)?:)?\d+(-\d+)?(\/(tcp|udp|sctp))?$/,
  );
  ajv.addFormat('expose', /^\d+(-\d+)?(\/(tcp|udp|sctp))?$/);
  ajv.addFormat('subnet_ip_address', /^([0-9.]+|[0-9a-fA-F:]+)\/\d{1,3}$/);
  return { validate: ajv.compile(schema) };
}

interface ComposeService {
  image?: string;
  build?: { context: string; target?: string };
  environment?: Record<string, string>;
  depends_on?: Record<string, { condition: string }>;
  healthcheck?: { test: string[] };
  profiles?: string[];
}

describe('docker-compose.yml', () => {
  const raw = parseYaml(readFileSync(join(ROOT, 'docker-compose.yml'), 'utf8'), {
    merge: true,
  }) as unknown;
  const exampleEnv = parseEnvFile(join(ROOT, '.env.example'));
  const secrets = Object.fromEntries(SECRETS_FROM_COMPOSE_ENV.map((key) => [key, 'x'.repeat(16)]));

  it('needs nothing beyond .env.example but the secrets scripts/compose-env.sh generates', () => {
    const missing = new Set<string>();
    interpolate(raw, exampleEnv, missing);
    expect([...missing].sort()).toEqual(SECRETS_FROM_COMPOSE_ENV);

    const generator = readFileSync(join(ROOT, 'scripts', 'compose-env.sh'), 'utf8');
    for (const key of SECRETS_FROM_COMPOSE_ENV)
      expect(generator).toMatch(new RegExp(`^fill ${key} `, 'm'));
  });

  it('is valid against the Compose Specification schema', () => {
    const missing = new Set<string>();
    const compose = interpolate(raw, { ...exampleEnv, ...secrets }, missing);
    expect([...missing]).toEqual([]);
    const { validate } = composeValidator();
    const valid = validate(compose);
    const problems = (validate.errors ?? []).map(
      (error) => `${error.instancePath || '/'} ${error.message} ${JSON.stringify(error.params)}`,
    );
    expect(valid ? [] : problems).toEqual([]);

    // And the validator does reject what compose would: an unknown key, a malformed duration.
    const broken = structuredClone(compose) as {
      services: Record<string, Record<string, unknown>>;
    };
    broken.services.nginx.restart_policy = 'always';
    (broken.services.redis.healthcheck as Record<string, unknown>).interval = 'soon';
    expect(validate(broken)).toBe(false);
    expect(validate.errors?.map((error) => error.instancePath)).toEqual(
      expect.arrayContaining(['/services/nginx', '/services/redis/healthcheck/interval']),
    );
  });

  it('runs every app from the one image, on its port, behind nginx', () => {
    const compose = interpolate(raw, { ...exampleEnv, ...secrets }, new Set()) as {
      services: Record<string, ComposeService>;
    };
    const listed = servicesList();
    // scripts/services.list drives start-prod.sh and the nginx upstreams: it must name every app.
    expect(listed.map((service) => service.name).sort()).toEqual(appNames());

    const nginx = compose.services.nginx;
    expect(nginx.build?.target).toBe('nginx');
    for (const { name, port } of listed) {
      const service = compose.services[name];
      expect(service).toBeDefined();
      expect(service.image).toBe('llmgw:local');
      expect(service.build).toEqual({ context: '.', target: 'runtime' });
      expect(service.environment).toMatchObject({
        SERVICE: name,
        PORT: String(port),
        HOST: '0.0.0.0',
      });
      expect(service.environment?.AUTH_JWKS_URL).toBe(
        'http://auth-service:3001/auth/.well-known/jwks.json',
      );
      expect(service.depends_on).toMatchObject({
        postgres: { condition: 'service_healthy' },
        redis: { condition: 'service_healthy' },
      });
      expect(service.healthcheck?.test).toEqual([
        'CMD',
        'node',
        'scripts/container-healthcheck.cjs',
        'ready',
      ]);
      expect(nginx.depends_on?.[name]).toEqual({ condition: 'service_healthy' });
    }
    for (const name of ['model-gateway', 'configuration-service']) {
      expect(compose.services[name].environment?.CONFIG_ENCRYPTION_KEY).toBe(
        secrets.CONFIG_ENCRYPTION_KEY,
      );
    }
    expect(compose.services.mongodb.profiles).toEqual(['mongodb']);
    expect(compose.services.litellm.profiles).toEqual(['litellm']);
  });
});

describe('litellm/config.yaml', () => {
  it('lists models with their LiteLLM model and takes every secret from the environment', () => {
    const text = readFileSync(join(ROOT, 'litellm', 'config.yaml'), 'utf8');
    const config = parseYaml(text) as {
      model_list: { model_name: string; litellm_params: Record<string, string> }[];
      general_settings: { master_key: string };
    };
    expect(config.model_list.length).toBeGreaterThan(0);
    for (const entry of config.model_list) {
      expect(entry.model_name).toEqual(expect.any(String));
      expect(entry.litellm_params.model).toMatch(/^[a-z_]+\//);
      if (entry.litellm_params.api_key)
        expect(entry.litellm_params.api_key).toMatch(/^os\.environ\//);
    }
    expect(config.general_settings.master_key).toBe('os.environ/LITELLM_MASTER_KEY');
    expect(text).not.toMatch(/sk-[A-Za-z0-9]{8,}/);
  });
});

describe('nginx config', () => {
  let scratch: string;

  beforeAll(() => {
    scratch = mkdtempSync(join(tmpdir(), 'llmgw-nginx-'));
  });
  afterAll(() => {
    rmSync(scratch, { recursive: true, force: true });
  });

  it('nginx/nginx.compose.conf is the current rendering of the template', () => {
    const fresh = render(['--target', 'compose']).stdout;
    expect(readFileSync(join(ROOT, 'nginx', 'nginx.compose.conf'), 'utf8')).toBe(fresh);
  });

  it('dev rendering passes nginx -t', () => {
    const prefix = join(scratch, 'dev');
    const conf = join(prefix, 'conf', 'nginx.conf');
    render(['--target', 'dev', '--prefix', prefix, '--out', conf]);
    const result = nginxTest(prefix, conf);
    expect(result.stderr).toContain('test is successful');
    expect(result.status).toBe(0);
  });

  it('compose rendering passes nginx -t (service hosts as 127.0.0.1, paths in a scratch dir)', () => {
    const prefix = join(scratch, 'compose');
    mkdirSync(join(prefix, 'tmp'), { recursive: true });
    const conf = join(prefix, 'nginx.conf');
    // Only what cannot exist outside the container changes: the upstream host names (they resolve
    // on the compose network only), the nginx user, and file paths.
    render([
      '--target',
      'compose',
      '--out',
      conf,
      '--set',
      'UPSTREAM_HOST=127.0.0.1',
      '--set',
      'USER_DIRECTIVE=',
      '--set',
      `PID_FILE=${join(prefix, 'nginx.pid')}`,
      '--set',
      `ERROR_LOG=${join(prefix, 'error.log')}`,
      '--set',
      `ACCESS_LOG=${join(prefix, 'access.log')}`,
      '--set',
      `TEMP_DIR=${join(prefix, 'tmp')}`,
    ]);
    const result = nginxTest(prefix, conf);
    expect(result.stderr).toContain('test is successful');
    expect(result.status).toBe(0);
  });
});

/** What a stand-in upstream answers: who it is and what it received. */
interface UpstreamEcho {
  service: string;
  url: string;
  headers: Record<string, string | undefined>;
}

describe('nginx dev config in front of stand-in services', () => {
  const upstreams = new Map<string, Server>();
  let nginx: ChildProcess | undefined;
  let base = '';
  let scratch = '';

  beforeAll(async () => {
    scratch = mkdtempSync(join(tmpdir(), 'llmgw-route-'));
    const env: NodeJS.ProcessEnv = { ...process.env };
    for (const service of servicesList()) {
      const server = createServer((req, res) => {
        if (req.url?.startsWith('/v1/stream')) {
          res.writeHead(200, { 'content-type': 'text/event-stream' });
          res.write('data: first\n\n');
          setTimeout(() => res.end('data: [DONE]\n\n'), 1500);
          return;
        }
        req.resume();
        req.on('end', () => {
          res.writeHead(200, { 'content-type': 'application/json' });
          res.end(JSON.stringify({ service: service.name, url: req.url, headers: req.headers }));
        });
      });
      server.keepAliveTimeout = 5000;
      await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
      upstreams.set(service.name, server);
      env[service.portVar] = String((server.address() as AddressInfo).port);
    }
    const publicPort = await freePort();
    env.PUBLIC_PORT = String(publicPort);
    env.PUBLIC_HOST = '127.0.0.1';
    const conf = join(scratch, 'conf', 'nginx.conf');
    render(['--target', 'dev', '--prefix', scratch, '--out', conf], env);
    nginx = spawn(
      nginxBinary(),
      [
        '-p',
        `${scratch}/`,
        '-e',
        join(scratch, 'logs', 'error.log'),
        '-c',
        conf,
        '-g',
        'daemon off;',
      ],
      {
        stdio: 'ignore',
      },
    );
    base = `http://127.0.0.1:${publicPort}`;
    await waitFor(
      async () => (await fetch(`${base}/health`)).status === 200,
      10_000,
      'nginx to answer',
    );
  }, 30_000);

  afterAll(async () => {
    if (nginx && nginx.exitCode === null) {
      const exited = new Promise((resolve) => nginx?.once('exit', resolve));
      nginx.kill('SIGQUIT');
      await exited;
    }
    await Promise.all(
      [...upstreams.values()].map((server) => new Promise((resolve) => server.close(resolve))),
    );
    rmSync(scratch, { recursive: true, force: true });
  });

  async function upstreamOf(
    path: string,
  ): Promise<{ status: number; service?: string; url?: string; body: string }> {
    const res = await fetch(base + path);
    const body = await res.text();
    const parsed: Partial<UpstreamEcho> = res.headers.get('content-type')?.includes('json')
      ? JSON.parse(body)
      : {};
    return { status: res.status, service: parsed.service, url: parsed.url, body };
  }

  it.each([
    ['/v1/models', 'model-gateway'],
    ['/v1/chat/completions', 'model-gateway'],
    ['/api/tags', 'model-gateway'],
    ['/auth/login', 'auth-service'],
    ['/continue/config.yaml', 'continue-proxy'],
    ['/admin/api/connections', 'configuration-service'],
    ['/admin/api/llms/42', 'configuration-service'],
    ['/admin/api/settings', 'configuration-service'],
    ['/admin/api/config?version=3', 'configuration-service'],
    ['/admin/api/limits', 'usage-control'],
    ['/admin/api/daily-usage', 'usage-control'],
    ['/admin/api/usage', 'analytic-service'],
    ['/admin/api/stats/by-model', 'analytic-service'],
    ['/admin/api/logs', 'logger-service'],
  ])('routes %s to %s with the path unchanged', async (path, service) => {
    const result = await upstreamOf(path);
    expect(result.status).toBe(200);
    expect(result.service).toBe(service);
    expect(result.url).toBe(path);
  });

  it.each(['/admin/api/unknown', '/admin/api/llmsx', '/admin/api'])(
    'answers %s with a JSON 404',
    async (path) => {
      const res = await fetch(base + path);
      expect(res.status).toBe(404);
      expect(await res.json()).toEqual({
        error: { code: 'NOT_FOUND', message: expect.any(String) },
      });
    },
  );

  it('proxies each service health probe and serves the UI placeholder at /', async () => {
    expect(await upstreamOf('/health/usage-control/ready')).toMatchObject({
      status: 200,
      service: 'usage-control',
      url: '/health/ready',
    });
    const root = await fetch(`${base}/`);
    expect(root.status).toBe(200);
    expect(root.headers.get('content-type')).toContain('text/html');
  });

  it('passes X-Request-Id through, makes one when absent, and sets X-Forwarded-*', async () => {
    const given = await fetch(`${base}/v1/models`, { headers: { 'x-request-id': 'req-123' } });
    expect(given.headers.get('x-request-id')).toBe('req-123');
    const seen = ((await given.json()) as UpstreamEcho).headers;
    expect(seen).toMatchObject({
      'x-request-id': 'req-123',
      'x-forwarded-for': '127.0.0.1',
      'x-forwarded-proto': 'http',
    });
    expect(seen.connection).toBeUndefined(); // HTTP/1.1 keepalive to the upstream

    const made = await fetch(`${base}/auth/me`);
    const id = made.headers.get('x-request-id');
    expect(id).toMatch(/^[0-9a-f]{32}$/);
    expect(((await made.json()) as UpstreamEcho).headers['x-request-id']).toBe(id);
  });

  it('streams server-sent events without buffering', async () => {
    const started = Date.now();
    const res = await fetch(`${base}/v1/stream`, { method: 'POST', body: '{}' });
    const reader = (res.body as ReadableStream<Uint8Array>).getReader();
    const first = await reader.read();
    const firstAfter = Date.now() - started;
    expect(new TextDecoder().decode(first.value)).toContain('data: first');
    // The upstream holds the rest for 1.5 s; a buffering proxy would deliver nothing before that.
    expect(firstAfter).toBeLessThan(1000);
    while (!(await reader.read()).done) {
      // drain
    }
  });

  it('answers for a stopped service with JSON in the caller API shape', async () => {
    const gateway = upstreams.get('model-gateway') as Server;
    gateway.closeAllConnections();
    await new Promise((resolve) => gateway.close(resolve));

    const openai = await fetch(`${base}/v1/chat/completions`, { method: 'POST', body: '{}' });
    expect(openai.status).toBe(502);
    expect(openai.headers.get('x-request-id')).toBeTruthy();
    expect(await openai.json()).toEqual({
      error: {
        message: expect.stringContaining('model-gateway'),
        type: 'server_error',
        code: 'service_unavailable',
      },
    });

    const ollama = await fetch(`${base}/api/chat`, { method: 'POST', body: '{}' });
    expect(ollama.status).toBe(502);
    expect(await ollama.json()).toEqual({ error: expect.stringContaining('model-gateway') });
  });

  it('rejects a body over the limit with a JSON 413', async () => {
    const res = await fetch(`${base}/admin/api/llms`, {
      method: 'POST',
      body: new Uint8Array(21 * 1024 * 1024),
    });
    expect(res.status).toBe(413);
    expect(await res.json()).toEqual({
      error: { code: 'PAYLOAD_TOO_LARGE', message: expect.any(String) },
    });
  });
});

describe('start-prod.sh', () => {
  let work = '';
  let env: NodeJS.ProcessEnv = {};
  let publicPort = 0;

  // A stand-in for a built service: /health/live and /health/ready on PORT, exits on SIGTERM,
  // or crashes at once when FAKE_CRASH names it.
  const fakeMain = `
const http = require('http');
const name = __dirname.split('/').slice(-2)[0];
if (process.env.FAKE_CRASH === name) { console.error(name + ': crashing on purpose'); process.exit(3); }
const server = http.createServer((req, res) => {
  res.writeHead(200, { 'content-type': 'application/json' });
  res.end(JSON.stringify({ service: name, url: req.url, nodeEnv: process.env.NODE_ENV, jwks: process.env.AUTH_JWKS_URL }));
});
server.listen(Number(process.env.PORT), process.env.HOST, () => process.stdout.write(name + ' listening on ' + process.env.PORT + '\\n'));
process.on('SIGTERM', () => server.close(() => process.exit(0)));
`;

  function startProd(args: string[], extraEnv: NodeJS.ProcessEnv = {}): SpawnSyncReturns<string> {
    return run('bash', [join(work, 'start-prod.sh'), ...args], {
      cwd: work,
      env: { ...env, ...extraEnv },
      timeout: 90_000,
    });
  }

  beforeAll(async () => {
    work = mkdtempSync(join(tmpdir(), 'llmgw-start-prod-'));
    mkdirSync(join(work, 'scripts'));
    mkdirSync(join(work, 'nginx'));
    copyFileSync(join(ROOT, 'start-prod.sh'), join(work, 'start-prod.sh'));
    chmodSync(join(work, 'start-prod.sh'), 0o755);
    for (const file of ['render-nginx.mjs', 'services.list'])
      copyFileSync(join(ROOT, 'scripts', file), join(work, 'scripts', file));
    copyFileSync(
      join(ROOT, 'nginx', 'nginx.conf.template'),
      join(work, 'nginx', 'nginx.conf.template'),
    );

    // jest sets NODE_ENV=test; start-prod.sh must pick its own default (production).
    const { ENV_FILE: _envFile, RUN_DIR: _runDir, NODE_ENV: _nodeEnv, ...inherited } = process.env;
    env = {
      ...inherited,
      HOST: '127.0.0.1',
      PUBLIC_HOST: '127.0.0.1',
      CONFIG_ENCRYPTION_KEY: 'dGVzdA==',
      ADMIN_PASSWORD: 'test',
      READY_TIMEOUT: '30',
    };
    for (const service of servicesList()) {
      mkdirSync(join(work, 'dist', 'apps', service.name, 'src'), { recursive: true });
      writeFileSync(join(work, 'dist', 'apps', service.name, 'src', 'main.js'), fakeMain);
      env[service.portVar] = String(await freePort());
    }
    publicPort = await freePort();
    env.PUBLIC_PORT = String(publicPort);
  });

  afterAll(() => {
    if (work) {
      startProd(['--stop']);
      rmSync(work, { recursive: true, force: true });
    }
  });

  it('starts every service and nginx, waits until ready, and stops them all', async () => {
    const started = startProd(['--detach']);
    expect(started.stderr).toBe('');
    expect(started.status).toBe(0);
    expect(started.stdout).toContain(`platform is up: http://127.0.0.1:${publicPort}/`);

    const res = await fetch(`http://127.0.0.1:${publicPort}/admin/api/logs`);
    expect(await res.json()).toMatchObject({
      service: 'logger-service',
      nodeEnv: 'production',
      jwks: `http://127.0.0.1:${env.AUTH_SERVICE_PORT}/auth/.well-known/jwks.json`,
    });
    expect(startProd(['--status']).status).toBe(0);
    expect(startProd(['--detach']).stderr).toContain('already running');

    const stopped = startProd(['--stop']);
    expect(stopped.status).toBe(0);
    expect(readdirSync(join(work, '.run', 'pids'))).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${publicPort}/health`)).rejects.toThrow();
    expect(startProd(['--status']).status).toBe(3);
  }, 90_000);

  it('fails with the log of a service that dies during start-up, leaving nothing running', async () => {
    const result = startProd(['--detach'], { FAKE_CRASH: 'usage-control' });
    expect(result.status).toBe(1);
    expect(result.stderr).toContain('usage-control exited during start-up');
    expect(result.stderr).toContain('usage-control: crashing on purpose');
    expect(readdirSync(join(work, '.run', 'pids'))).toEqual([]);
    await expect(fetch(`http://127.0.0.1:${publicPort}/health`)).rejects.toThrow();
  }, 90_000);
});

describe('shell scripts', () => {
  it.each(['start-prod.sh', 'scripts/dev.sh', 'scripts/compose-env.sh', '.ci/run'])(
    '%s parses (bash -n)',
    (script) => {
      const result = run('bash', ['-n', join(ROOT, script)]);
      expect(result.stderr).toBe('');
      expect(result.status).toBe(0);
    },
  );
});
