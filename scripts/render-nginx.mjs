#!/usr/bin/env node
// Renders nginx/nginx.conf.template for one target. No dependencies beyond Node itself.
//
//   node scripts/render-nginx.mjs --target dev [--prefix DIR] [--out FILE]
//   node scripts/render-nginx.mjs --target compose [--out FILE]
//   node scripts/render-nginx.mjs --target compose --set UPSTREAM_HOST=127.0.0.1 --set PID_FILE=/tmp/x.pid
//
// dev:     upstreams 127.0.0.1:<port>, pid/logs/temp under the prefix (default .run/nginx),
//          listens on PUBLIC_HOST:PUBLIC_PORT (default 127.0.0.1:8080), serves the UI build from
//          apps/configuration-ui/dist. Ports follow <SERVICE>_PORT (e.g. MODEL_GATEWAY_PORT).
// compose: upstreams <service>:<port> on the compose network, official nginx image paths,
//          listens on 8080 inside the container. Committed as nginx/nginx.compose.conf.
// --set KEY=VALUE overrides any placeholder (or UPSTREAM_HOST for every upstream host); the
// deploy test uses it to check the compose variant with `nginx -t` on a machine without Docker.
// Prints the config to stdout unless --out is given.
import { existsSync, mkdirSync, readFileSync, statSync, writeFileSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';

const repoRoot = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const templatePath = join(repoRoot, 'nginx', 'nginx.conf.template');

function fail(message) {
  process.stderr.write(`render-nginx: ${message}\n`);
  process.exit(2);
}

/** Services and default ports from scripts/services.list. */
function readServices() {
  return readFileSync(join(repoRoot, 'scripts', 'services.list'), 'utf8')
    .split('\n')
    .map((line) => line.replace(/#.*/, '').trim())
    .filter(Boolean)
    .map((line) => {
      const [name, port] = line.split(/\s+/);
      return { name, port: Number(port), envKey: name.toUpperCase().replace(/-/g, '_') };
    });
}

function parseArgs(argv) {
  const args = { target: undefined, out: undefined, prefix: undefined, set: {} };
  for (let i = 0; i < argv.length; i++) {
    const arg = argv[i];
    const value = () => {
      if (i + 1 >= argv.length) fail(`${arg} needs a value`);
      return argv[++i];
    };
    if (arg === '--target') args.target = value();
    else if (arg === '--out') args.out = value();
    else if (arg === '--prefix') args.prefix = value();
    else if (arg === '--set') {
      const pair = value();
      const eq = pair.indexOf('=');
      if (eq < 1) fail(`--set expects KEY=VALUE, got "${pair}"`);
      args.set[pair.slice(0, eq)] = pair.slice(eq + 1);
    } else if (arg === '-h' || arg === '--help') {
      process.stdout.write(
        'usage: render-nginx.mjs --target dev|compose [--prefix DIR] [--out FILE] [--set KEY=VALUE]...\n',
      );
      process.exit(0);
    } else fail(`unknown argument "${arg}"`);
  }
  if (args.target !== 'dev' && args.target !== 'compose') fail('--target must be dev or compose');
  return args;
}

/** Name for a uid/gid from /etc/passwd or /etc/group (field 3 is the id). */
function nameForId(file, id) {
  try {
    for (const line of readFileSync(file, 'utf8').split('\n')) {
      const fields = line.split(':');
      if (fields.length > 2 && Number(fields[2]) === id) return fields[0];
    }
  } catch {
    // no such file: fall through
  }
  return undefined;
}

/**
 * The `user` directive for the dev target. It matters only when the master runs as root: the
 * workers then run as the owner of the checkout (so they can read the UI build), unless
 * NGINX_USER says otherwise. Unprivileged, nginx ignores the directive, so none is written.
 */
function devUserDirective(env) {
  if (env.NGINX_USER) return `user ${env.NGINX_USER};`;
  if (typeof process.getuid !== 'function' || process.getuid() !== 0)
    return '# user: not running as root, workers keep our user';
  const { uid, gid } = statSync(repoRoot);
  const user = nameForId('/etc/passwd', uid) ?? 'root';
  const group = nameForId('/etc/group', gid) ?? user;
  return `user ${user} ${group};`;
}

function portOf(service, env) {
  const raw = env[`${service.envKey}_PORT`];
  if (raw === undefined || raw === '') return service.port;
  if (!/^\d+$/.test(raw) || Number(raw) < 1 || Number(raw) > 65535)
    fail(`${service.envKey}_PORT="${raw}" is not a port`);
  return Number(raw);
}

function publicPort(env) {
  const port = env.PUBLIC_PORT || '8080';
  if (!/^\d+$/.test(port) || Number(port) < 1 || Number(port) > 65535)
    fail(`PUBLIC_PORT="${port}" is not a port`);
  return port;
}

/** Placeholder values for a target, before --set overrides. */
function valuesFor(target, env, options = {}) {
  const services = readServices();
  const common = {
    WORKER_PROCESSES: 'auto',
    CLIENT_MAX_BODY_SIZE: env.CLIENT_MAX_BODY_SIZE || '20m',
    RATE_LIMIT_RPS: env.RATE_LIMIT_RPS || '100',
    RATE_LIMIT_BURST: env.RATE_LIMIT_BURST || '400',
  };
  let values;
  let upstreamHost;
  if (target === 'dev') {
    const prefix = resolve(options.prefix ?? env.NGINX_PREFIX ?? join(repoRoot, '.run', 'nginx'));
    upstreamHost = env.SERVICES_HOST || '127.0.0.1';
    values = {
      ...common,
      USER_DIRECTIVE: devUserDirective(env),
      PID_FILE: join(prefix, 'nginx.pid'),
      ERROR_LOG: join(prefix, 'logs', 'error.log'),
      ACCESS_LOG: join(prefix, 'logs', 'access.log'),
      TEMP_DIR: join(prefix, 'tmp'),
      LISTEN: `${env.PUBLIC_HOST || '127.0.0.1'}:${publicPort(env)}`,
      UI_ROOT: join(repoRoot, 'apps', 'configuration-ui', 'dist'),
    };
  } else {
    upstreamHost = undefined; // each service by its compose name
    values = {
      ...common,
      USER_DIRECTIVE: 'user nginx;',
      PID_FILE: '/var/run/nginx.pid',
      ERROR_LOG: '/var/log/nginx/error.log',
      ACCESS_LOG: '/var/log/nginx/access.log',
      TEMP_DIR: '/var/cache/nginx',
      LISTEN: '8080',
      UI_ROOT: '/usr/share/llmgw-ui',
    };
  }
  const overrides = options.set ?? {};
  if (overrides.UPSTREAM_HOST) upstreamHost = overrides.UPSTREAM_HOST;
  for (const service of services) {
    const host = upstreamHost ?? service.name;
    const port = target === 'dev' ? portOf(service, env) : service.port;
    values[`UPSTREAM_${service.envKey}`] = `${host}:${port}`;
  }
  for (const [key, value] of Object.entries(overrides)) {
    if (key !== 'UPSTREAM_HOST') values[key] = value;
  }
  return values;
}

function render(template, values) {
  const used = new Set();
  const out = template.replace(/\{\{([A-Z0-9_]+)\}\}/g, (_, key) => {
    if (!(key in values)) fail(`template uses {{${key}}} but no value is defined for it`);
    used.add(key);
    return values[key];
  });
  const unused = Object.keys(values).filter((key) => !used.has(key));
  if (unused.length) fail(`values not used by the template: ${unused.join(', ')}`);
  return out;
}

function main() {
  const args = parseArgs(process.argv.slice(2));
  const values = valuesFor(args.target, process.env, { prefix: args.prefix, set: args.set });
  const header = `# GENERATED by scripts/render-nginx.mjs --target ${args.target} from nginx/nginx.conf.template: do not edit.\n`;
  const config = header + render(readFileSync(templatePath, 'utf8'), values);
  if (!args.out) {
    process.stdout.write(config);
    return;
  }
  mkdirSync(dirname(resolve(args.out)), { recursive: true });
  writeFileSync(args.out, config);
  if (args.target === 'dev') {
    // nginx creates the temp sub-directories itself, but not their parents or the log dir.
    for (const dir of [dirname(values.ERROR_LOG), dirname(values.ACCESS_LOG), values.TEMP_DIR]) {
      if (!existsSync(dir)) mkdirSync(dir, { recursive: true });
    }
  }
}

main();
