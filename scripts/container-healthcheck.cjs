// Health probe for a service container (Dockerfile HEALTHCHECK, docker-compose.yml).
//   node scripts/container-healthcheck.cjs [live|ready]
// GETs http://127.0.0.1:<PORT>/health/<live|ready> and exits 0 on a 200, 1 otherwise. PORT
// defaults to the port of SERVICE in scripts/services.list. Plain Node: slim images have no curl.
'use strict';
const { readFileSync } = require('node:fs');
const { join } = require('node:path');

const probe = process.argv[2] === 'ready' ? 'ready' : 'live';

function defaultPort(service) {
  try {
    for (const line of readFileSync(join(__dirname, 'services.list'), 'utf8').split('\n')) {
      const [name, port] = line.replace(/#.*/, '').trim().split(/\s+/);
      if (name === service) return port;
    }
  } catch {
    // no services.list next to this file
  }
  return '3000';
}

const port = process.env.PORT || defaultPort(process.env.SERVICE);
fetch(`http://127.0.0.1:${port}/health/${probe}`, { signal: AbortSignal.timeout(4000) }).then(
  (res) => process.exit(res.status === 200 ? 0 : 1),
  () => process.exit(1),
);
