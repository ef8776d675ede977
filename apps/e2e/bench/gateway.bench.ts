/* Benchmark of the gateway's overhead and memory: `pnpm bench`. Prints figures; asserts nothing.
 * Every target is on 127.0.0.1: the fake upstream, the gateway, nginx. */
import autocannon from 'autocannon';
import { readFileSync } from 'node:fs';
import { api, startPlatform, waitFor, type Platform } from '../support/platform';

const DURATION_S = Number(process.env.BENCH_DURATION_S ?? 8);
const CONNECTIONS = Number(process.env.BENCH_CONNECTIONS ?? 32);

const rssMb = (pid: number | undefined): number => {
  if (!pid) return NaN;
  const line = readFileSync(`/proc/${pid}/status`, 'utf8').split('\n').find((l) => l.startsWith('VmRSS:'));
  return Math.round(Number(line?.replace(/\D+/g, '')) / 1024);
};

async function load(name: string, url: string, headers: Record<string, string>, body: unknown, connections = CONNECTIONS) {
  const result = await autocannon({
    url,
    method: 'POST',
    connections,
    duration: DURATION_S,
    headers: { 'content-type': 'application/json', ...headers },
    body: JSON.stringify(body),
  });
  return {
    scenario: name,
    'req/s': Math.round(result.requests.average),
    'mean ms': Number(result.latency.average.toFixed(2)),
    'p50 ms': result.latency.p50,
    'p99 ms': result.latency.p99,
    requests: result.requests.total,
    non2xx: result.non2xx,
    errors: result.errors + result.timeouts,
  };
}

async function main(): Promise<void> {
  const platform: Platform = await startPlatform('bench');
  try {
    const login = await api<{ accessToken: string }>(`${platform.url}/auth/login`, { body: platform.admin });
    const token = login.body.accessToken;
    const connection = await api<{ id: string }>(`${platform.url}/admin/api/connections`, {
      token,
      body: { name: 'fake', provider: 'openai-compatible', baseUrl: platform.upstream.url, apiKey: platform.upstreamApiKey },
    });
    await api(`${platform.url}/admin/api/llms`, {
      token,
      body: { name: 'bench', connectionId: connection.body.id, upstreamModel: 'gpt-4o-mini', inputCostPer1M: 1, outputCostPer1M: 2 },
    });
    const key = await api<{ key: string }>(`${platform.url}/auth/api-keys`, { token, body: { name: 'bench' } });
    const auth = { authorization: `Bearer ${key.body.key}` };
    const gateway = platform.services['model-gateway'].url;
    await waitFor(async () => (await fetch(`${gateway}/v1/models/bench`, { headers: auth })).status === 200, () => 'model not loaded');

    const chat = { model: 'bench', messages: [{ role: 'user', content: 'Benchmark the gateway overhead please' }] };
    const gatewayPid = platform.services['model-gateway'].process.pid;
    const rssBefore = rssMb(gatewayPid);
    platform.upstream.reset();

    // One connection: the latency a single caller sees, so the difference is the gateway's own cost.
    const upstreamChat = { ...chat, model: 'gpt-4o-mini' };
    const upstreamAuth = { authorization: `Bearer ${platform.upstreamApiKey}` };
    const serial = [
      await load('upstream directly, 1 connection', `${platform.upstream.url}/chat/completions`, upstreamAuth, upstreamChat, 1),
      await load('gateway, chat, 1 connection', `${gateway}/v1/chat/completions`, auth, chat, 1),
    ];
    platform.upstream.reset();

    const rows = [];
    rows.push(await load('upstream directly (baseline)', `${platform.upstream.url}/chat/completions`, upstreamAuth, upstreamChat));
    platform.upstream.reset();
    rows.push(await load('gateway, chat', `${gateway}/v1/chat/completions`, auth, chat));
    platform.upstream.reset();
    rows.push(await load('gateway, chat, stream', `${gateway}/v1/chat/completions`, auth, { ...chat, stream: true }));
    platform.upstream.reset();
    rows.push(await load('gateway, demo model (no upstream)', `${gateway}/v1/chat/completions`, auth, { ...chat, model: 'demo' }));
    platform.upstream.reset();
    rows.push(await load('nginx -> gateway, chat', `${platform.url}/v1/chat/completions`, auth, chat));
    platform.upstream.reset();
    const rssAfter = rssMb(gatewayPid);

    process.stdout.write(`\nGateway benchmark: ${DURATION_S} s per scenario, all on 127.0.0.1; load generator, fake upstream, Redis and gateway share the machine's cores\n`);
    console.table(serial);
    const [serialBase, serialGateway] = serial;
    if (serialBase && serialGateway) {
      process.stdout.write(`Gateway overhead for one caller: ${(serialGateway['mean ms'] - serialBase['mean ms']).toFixed(2)} ms per request (mean latency)\n\n`);
    }
    process.stdout.write(`Under load: ${CONNECTIONS} connections\n`);
    console.table(rows);
    process.stdout.write(`Gateway RSS: ${rssBefore} MB before, ${rssAfter} MB after the load\n`);

    const gatewayRequests = rows.slice(1).reduce((sum, r) => sum + r.requests, 0) + (serial[1]?.requests ?? 0);
    const summary = async () =>
      (await api<{ totals?: { requests?: number } }>(`${platform.url}/admin/api/stats/summary`, { token })).body.totals?.requests ?? 0;
    const started = Date.now();
    await waitFor(async () => (await summary()) >= gatewayRequests, () => 'usage records still arriving', 60_000).catch(() => undefined);
    process.stdout.write(
      `Usage records: ${await summary()} recorded for ${gatewayRequests} gateway requests completed in time (settled ${((Date.now() - started) / 1000).toFixed(1)} s after the load; autocannon leaves out up to one request per connection still in flight when a scenario ends, and the single-connection runs count too)\n`,
    );
  } finally {
    await platform.stop();
  }
}

void main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? error.stack : String(error)}\n`);
  process.exit(1);
});
