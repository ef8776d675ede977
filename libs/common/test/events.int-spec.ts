import { Logger } from '@nestjs/common';
import Redis from 'ioredis';
import { randomUUID } from 'node:crypto';
import { EventStreams, type AuditEvent, type EventStreamName, type EventTypeMap, type UsageEvent } from '../src/contracts/events.contracts';
import { DEAD_LETTER_STREAM, EventPublisher, StreamConsumer, type EventPublisherEnv, type StreamEntry } from '../src/events';
import { MetricsRegistry } from '../src/metrics';
import { createRedisClient } from '../src/redis';
import { cleanupRedisPrefix, eventually, TcpProxy, testRedisEnv, usageEventFixture } from '../src/testing';

/**
 * The durable events that carry every usage (billing) and audit record, against the machine's
 * Redis: EventPublisher appends them, StreamConsumer delivers them to consumer groups. Every test
 * works under its own key prefix (below the file's), so its streams, groups and dead letters are its own.
 */

jest.setTimeout(30_000);

const redisEnv = testRedisEnv('events');
let testNumber = 0;
let prefix = '';
/** A plain client (no key prefix) that looks at what the classes under test wrote. */
let inspect: Redis;
/** What a test started, stopped after it in reverse order. */
let teardown: (() => Promise<unknown> | unknown)[] = [];

const key = (name: string): string => `${prefix}${name}`;

const publisherEnv: EventPublisherEnv = {
  EVENT_FLUSH_INTERVAL_MS: 2,
  EVENT_BUFFER_MAX: 1000,
  EVENT_BUFFER_OVERFLOW: 'drop-oldest',
  EVENT_STREAM_MAXLEN: 100_000,
};

const auditEventFixture = (overrides: Partial<AuditEvent> = {}): AuditEvent => ({
  eventId: randomUUID(),
  requestId: `req-${randomUUID()}`,
  occurredAt: new Date().toISOString(),
  service: 'model-gateway',
  userId: randomUUID(),
  apiKeyId: randomUUID(),
  teamId: null,
  method: 'POST',
  path: '/v1/chat/completions',
  model: 'gpt-4o',
  status: 200,
  latencyMs: 120,
  clientIp: '10.0.0.7',
  userAgent: 'OpenAI/JS 6.0.0',
  errorMessage: null,
  ...overrides,
});

/** `count` distinct usage events, numbered by their prompt tokens so a failure shows which is which. */
const usageEvents = (count: number): UsageEvent[] =>
  Array.from({ length: count }, (_, i) => usageEventFixture({ promptTokens: i + 1, totalTokens: i + 21 }));

interface StartedPublisher {
  publisher: EventPublisher;
  redis: Redis;
  metrics: MetricsRegistry;
}

/** An EventPublisher as a service builds it: its own Redis client (through `proxy` if given) and metrics. */
function startPublisher(env: Partial<EventPublisherEnv> = {}, proxy?: TcpProxy): StartedPublisher {
  const url = proxy ? proxy.via(redisEnv.REDIS_URL) : redisEnv.REDIS_URL;
  const redis = createRedisClient({ REDIS_URL: url, REDIS_KEY_PREFIX: prefix }, 'events-int-publisher');
  // The service logs Redis errors elsewhere; without a listener ioredis prints each reconnect failure.
  redis.on('error', () => undefined);
  const metrics = new MetricsRegistry('events-int');
  const publisher = new EventPublisher(redis, { ...publisherEnv, ...env }, metrics);
  teardown.push(async () => {
    await publisher.onApplicationShutdown();
    redis.disconnect();
  });
  return { publisher, redis, metrics };
}

interface ConsumerOptions {
  /** Names the consumer's connection (CLIENT LIST), to see when it waits for entries. */
  connection?: string;
  batchSize?: number;
  claimIdleMs?: number;
  onBacklog?: (backlog: { lag: number; pending: number }) => void;
}

/** A started StreamConsumer on its own connection, as a consuming service runs it. */
function startConsumer<S extends EventStreamName>(
  stream: S,
  group: string,
  handle: (entries: StreamEntry<EventTypeMap[S]>[]) => Promise<void>,
  options: ConsumerOptions = {},
): StreamConsumer<S> {
  const redis = createRedisClient(
    { REDIS_URL: redisEnv.REDIS_URL, REDIS_KEY_PREFIX: prefix },
    `${prefix}${options.connection ?? group}`,
  );
  redis.on('error', () => undefined);
  const consumer = new StreamConsumer(redis, {
    stream,
    group,
    handle,
    blockMs: 100,
    batchSize: options.batchSize ?? 50,
    claimIdleMs: options.claimIdleMs,
    onBacklog: options.onBacklog,
  });
  consumer.start();
  teardown.push(() => consumer.stop());
  return consumer;
}

/** A handler that stores what it is given, like a consuming service's repository. */
function recorder<S extends EventStreamName>(): {
  seen: EventTypeMap[S][];
  handle: (entries: StreamEntry<EventTypeMap[S]>[]) => Promise<void>;
} {
  const seen: EventTypeMap[S][] = [];
  return {
    seen,
    handle: async (entries) => {
      seen.push(...entries.map((entry) => entry.event));
    },
  };
}

async function startProxy(): Promise<TcpProxy> {
  const proxy = await TcpProxy.start(redisEnv.REDIS_URL);
  teardown.push(() => proxy.down());
  return proxy;
}

/** Cuts Redis away from a client and waits until the client knows it. */
async function cut(proxy: TcpProxy, redis: Redis): Promise<void> {
  await proxy.down();
  await eventually(async () => expect(redis.status).not.toBe('ready'));
}

/**
 * True while commands wait in the client's offline queue: a flush of the publisher is in flight
 * and waits for Redis to come back (ioredis fails them after a few reconnect attempts).
 */
const commandsWaiting = (redis: Redis): boolean =>
  (redis as unknown as { offlineQueue: { length: number } }).offlineQueue.length > 0;

/** How many entries of `group` are delivered and not acknowledged (XPENDING). */
async function pending(stream: string, group: string): Promise<number> {
  const [count] = (await inspect.xpending(key(stream), group)) as [number, ...unknown[]];
  return count;
}

/** The event ids in a stream, in stream order. */
async function eventIdsIn(stream: string): Promise<string[]> {
  const entries = await inspect.xrange(key(stream), '-', '+');
  return entries.map(([, fields]) => fields[fields.indexOf('id') + 1] ?? '');
}

async function counterValue(metrics: MetricsRegistry, name: string, stream: string): Promise<number> {
  const metric = await metrics.registry.getSingleMetric(name)?.get();
  return (metric?.values ?? []).filter((v) => v.labels.stream === stream).reduce((sum, v) => sum + v.value, 0);
}

/** How many consumers named `connections` are parked in XREADGROUP ... BLOCK, waiting for new entries. */
async function waitingReaders(connections: string[]): Promise<number> {
  const clients = String(await inspect.call('CLIENT', 'LIST')).split('\n');
  return clients.filter(
    (line) =>
      connections.some((name) => line.includes(` name=${prefix}${name} `)) &&
      / flags=\S*b/.test(line) &&
      line.includes(' cmd=xreadgroup'),
  ).length;
}

const ids = (events: { eventId: string }[]): string[] => events.map((event) => event.eventId);

beforeAll(() => {
  // Outages are played on purpose here; the classes' own error logs would only be noise.
  Logger.overrideLogger(false);
  inspect = new Redis(redisEnv.REDIS_URL);
});

beforeEach(() => {
  testNumber += 1;
  prefix = `${redisEnv.REDIS_KEY_PREFIX}${testNumber}:`;
  teardown = [];
});

afterEach(async () => {
  for (const stop of teardown.reverse()) await stop();
});

afterAll(async () => {
  inspect?.disconnect();
  await cleanupRedisPrefix(redisEnv.REDIS_URL, redisEnv.REDIS_KEY_PREFIX);
});

describe('publishing and consuming', () => {
  it('appends usage and audit events to their streams in order, and a consumer group gets each once and acknowledges it', async () => {
    const { publisher, metrics } = startPublisher();
    const [usage1, usage2, usage3] = [1, 2, 3].map((n) => usageEventFixture({ promptTokens: n, totalTokens: n + 20 }));
    const [audit1, audit2] = [auditEventFixture(), auditEventFixture({ status: 429, errorMessage: 'Rate limit exceeded' })];
    const usage = [usage1, usage2, usage3];
    const audit = [audit1, audit2];
    publisher.publish(EventStreams.usage, usage1);
    publisher.publish(EventStreams.audit, audit1);
    publisher.publish(EventStreams.usage, usage2);
    publisher.publish(EventStreams.audit, audit2);
    publisher.publish(EventStreams.usage, usage3);

    await eventually(async () => {
      expect(await inspect.xlen(key(EventStreams.usage))).toBe(3);
      expect(await inspect.xlen(key(EventStreams.audit))).toBe(2);
    });
    const fieldsOf = async (stream: string) => (await inspect.xrange(key(stream), '-', '+')).map(([, fields]) => fields);
    expect(await fieldsOf(EventStreams.usage)).toEqual(usage.map((e) => ['id', e.eventId, 'data', JSON.stringify(e)]));
    expect(await fieldsOf(EventStreams.audit)).toEqual(audit.map((e) => ['id', e.eventId, 'data', JSON.stringify(e)]));
    expect(await counterValue(metrics, 'events_published_total', EventStreams.usage)).toBe(3);
    expect(await counterValue(metrics, 'events_published_total', EventStreams.audit)).toBe(2);
    expect(publisher.degraded).toBe(false);
    expect(publisher.buffered).toBe(0);

    const analytics = recorder<typeof EventStreams.usage>();
    const logs = recorder<typeof EventStreams.audit>();
    startConsumer(EventStreams.usage, 'analytic-service', analytics.handle);
    startConsumer(EventStreams.audit, 'logger-service', logs.handle);
    await eventually(async () => {
      expect(analytics.seen).toEqual(usage);
      expect(logs.seen).toEqual(audit);
    });
    await eventually(async () => {
      expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0);
      expect(await pending(EventStreams.audit, 'logger-service')).toBe(0);
    });

    // One more event goes through after them, and nothing before it came again.
    const later = usageEventFixture();
    publisher.publish(EventStreams.usage, later);
    await eventually(async () => expect(ids(analytics.seen)).toEqual(ids([...usage, later])));
    await eventually(async () => expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0));
    expect(logs.seen).toEqual(audit);
  });

  it('shares the work between the replicas of a group, each event to one of them, and gives every group every event', async () => {
    const { publisher } = startPublisher();
    const slowStore = (into: string[]) => async (entries: StreamEntry<UsageEvent>[]) => {
      await new Promise((resolve) => setTimeout(resolve, 10));
      into.push(...entries.map((entry) => entry.event.eventId));
    };
    const replicaA: string[] = [];
    const replicaB: string[] = [];
    const otherService = recorder<typeof EventStreams.usage>();
    startConsumer(EventStreams.usage, 'analytic-service', slowStore(replicaA), { connection: 'replica-a', batchSize: 5 });
    startConsumer(EventStreams.usage, 'analytic-service', slowStore(replicaB), { connection: 'replica-b', batchSize: 5 });
    startConsumer(EventStreams.usage, 'usage-control', otherService.handle, { connection: 'usage-control', batchSize: 5 });
    // Both replicas (and the other service) wait for new entries before the first one is appended.
    await eventually(async () => expect(await waitingReaders(['replica-a', 'replica-b', 'usage-control'])).toBe(3));

    const events = usageEvents(60);
    for (const event of events) publisher.publish(EventStreams.usage, event);

    await eventually(async () => expect(replicaA.length + replicaB.length).toBe(events.length));
    await eventually(async () => expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0));
    expect([...replicaA, ...replicaB].sort()).toEqual(ids(events).sort());
    expect(replicaA.length).toBeGreaterThan(0);
    expect(replicaB.length).toBeGreaterThan(0);
    // Each replica stores its share in stream order.
    const order = new Map(ids(events).map((id, i) => [id, i]));
    for (const share of [replicaA, replicaB]) {
      const positions = share.map((id) => order.get(id) ?? -1);
      expect(positions).toEqual([...positions].sort((a, b) => a - b));
    }

    await eventually(async () => expect(ids(otherService.seen)).toEqual(ids(events)));
    await eventually(async () => expect(await pending(EventStreams.usage, 'usage-control')).toBe(0));
  });
});

describe('a consumer that was away', () => {
  it('reads the backlog appended while no consumer ran, also events older than its group', async () => {
    const { publisher } = startPublisher();
    const beforeTheGroup = usageEvents(20);
    for (const event of beforeTheGroup) publisher.publish(EventStreams.usage, event);
    await eventually(async () => expect(await inspect.xlen(key(EventStreams.usage))).toBe(20));

    const first = recorder<typeof EventStreams.usage>();
    const consumer = startConsumer(EventStreams.usage, 'analytic-service', first.handle);
    await eventually(async () => expect(ids(first.seen)).toEqual(ids(beforeTheGroup)));
    await eventually(async () => expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0));
    await consumer.stop();

    const whileDown = usageEvents(30);
    for (const event of whileDown) publisher.publish(EventStreams.usage, event);
    await eventually(async () => expect(await inspect.xlen(key(EventStreams.usage))).toBe(50));

    const restarted = recorder<typeof EventStreams.usage>();
    startConsumer(EventStreams.usage, 'analytic-service', restarted.handle);
    await eventually(async () => expect(ids(restarted.seen)).toEqual(ids(whileDown)));
    await eventually(async () => expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0));
    expect(first.seen).toHaveLength(20);
  });

  it('reports how far its group is behind, so the lag can be watched before trimming would bite', async () => {
    const { publisher } = startPublisher();
    const backlog = usageEvents(12);
    for (const event of backlog) publisher.publish(EventStreams.usage, event);
    await eventually(async () => expect(await inspect.xlen(key(EventStreams.usage))).toBe(12));

    const reports: { lag: number; pending: number }[] = [];
    const consumed = recorder<typeof EventStreams.usage>();
    startConsumer(EventStreams.usage, 'analytic-service', consumed.handle, {
      claimIdleMs: 50,
      onBacklog: (report) => reports.push(report),
    });
    await eventually(async () => expect(ids(consumed.seen)).toEqual(ids(backlog)));
    // Before its first read the group had all 12 to go; once they are stored, nothing.
    expect(reports[0]).toEqual({ lag: 12, pending: 0 });
    await eventually(async () => expect(reports.at(-1)).toEqual({ lag: 0, pending: 0 }));
  });

  it('gets again, after a restart, the batch it had received but not acknowledged when it stopped', async () => {
    const { publisher } = startPublisher();
    const events = usageEvents(8);
    for (const event of events) publisher.publish(EventStreams.usage, event);
    await eventually(async () => expect(await inspect.xlen(key(EventStreams.usage))).toBe(8));

    let attempts = 0;
    const crashing = startConsumer(EventStreams.usage, 'analytic-service', async () => {
      attempts += 1;
      throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
    });
    await eventually(async () => expect(attempts).toBeGreaterThan(0));
    await crashing.stop();
    expect(await pending(EventStreams.usage, 'analytic-service')).toBe(8);

    // The default claim delay (a minute) is far away: only the consumer's own pending entries bring them back.
    const restarted = recorder<typeof EventStreams.usage>();
    startConsumer(EventStreams.usage, 'analytic-service', restarted.handle);
    await eventually(async () => expect(ids(restarted.seen)).toEqual(ids(events)));
    await eventually(async () => expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0));
  });

  it('claims, after claimIdleMs, the entries a dead replica received and never acknowledged', async () => {
    const { publisher } = startPublisher();
    const events = usageEvents(12);
    await inspect.xgroup('CREATE', key(EventStreams.usage), 'analytic-service', '0', 'MKSTREAM');
    for (const event of events) publisher.publish(EventStreams.usage, event);
    await eventually(async () => expect(await inspect.xlen(key(EventStreams.usage))).toBe(12));
    // A replica on another host read them all, then died before acknowledging any.
    const delivered = await inspect.xreadgroup('GROUP', 'analytic-service', 'analytic-7f9c-1', 'COUNT', 100, 'STREAMS', key(EventStreams.usage), '>');
    expect(delivered).not.toBeNull();
    expect(await pending(EventStreams.usage, 'analytic-service')).toBe(12);

    const survivor = recorder<typeof EventStreams.usage>();
    startConsumer(EventStreams.usage, 'analytic-service', survivor.handle, { claimIdleMs: 200 });
    await eventually(async () => expect(ids(survivor.seen)).toEqual(ids(events)));
    await eventually(async () => expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0));
    const consumers = (await inspect.xinfo('CONSUMERS', key(EventStreams.usage), 'analytic-service')) as (string | number)[][];
    const dead = consumers.find((fields) => fields[fields.indexOf('name') + 1] === 'analytic-7f9c-1');
    expect(dead?.[dead.indexOf('pending') + 1]).toBe(0);
  });
});

describe('a handler that fails', () => {
  it('leaves the batch unacknowledged and retries it until the handler succeeds, losing and skipping nothing', async () => {
    const { publisher } = startPublisher();
    const backlog = usageEvents(10);
    for (const event of backlog) publisher.publish(EventStreams.usage, event);
    await eventually(async () => expect(await inspect.xlen(key(EventStreams.usage))).toBe(10));

    let databaseUp = false;
    let attempts = 0;
    const stored: UsageEvent[] = [];
    startConsumer(EventStreams.usage, 'analytic-service', async (entries) => {
      attempts += 1;
      if (!databaseUp) throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      stored.push(...entries.map((entry) => entry.event));
    });
    await eventually(async () => expect(attempts).toBeGreaterThanOrEqual(2));
    expect(stored).toEqual([]);
    expect(await pending(EventStreams.usage, 'analytic-service')).toBe(10);

    const duringTheOutage = usageEvents(5);
    for (const event of duringTheOutage) publisher.publish(EventStreams.usage, event);
    databaseUp = true;

    await eventually(async () => expect(ids(stored)).toEqual(ids([...backlog, ...duringTheOutage])));
    await eventually(async () => expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0));
  });
});

describe('invalid entries', () => {
  /** An entry's fields as EventPublisher writes them, for any payload. */
  const asEntry = (event: { eventId: string }): string[] => ['id', event.eventId, 'data', JSON.stringify(event)];

  /** Appends, in one round trip, what another writer (or a bug) may put in a stream. */
  async function appendRaw(stream: EventStreamName, entries: string[][]): Promise<string[]> {
    const pipeline = inspect.pipeline();
    for (const fields of entries) pipeline.xadd(key(stream), '*', ...fields);
    const results = (await pipeline.exec()) ?? [];
    return results.map(([error, id]) => {
      if (error) throw error;
      return String(id);
    });
  }

  /** The dead letters, each as its fields by name. */
  async function deadLetters(): Promise<Record<string, string>[]> {
    const entries = await inspect.xrange(key(DEAD_LETTER_STREAM), '-', '+');
    return entries.map(([, fields]) => {
      const byName: Record<string, string> = {};
      for (let i = 0; i + 1 < fields.length; i += 2) byName[String(fields[i])] = String(fields[i + 1]);
      return byName;
    });
  }

  it('moves entries that are not JSON or fail the schema to the dead-letter stream, and delivers the valid ones of the same batch', async () => {
    const valid = usageEvents(2);
    const badUser = { ...usageEventFixture(), userId: 'user-42' };
    const [validEntry1, validEntry2] = valid.map(asEntry);
    const [, notJsonId, badUserId] = await appendRaw(EventStreams.usage, [
      validEntry1,
      ['id', 'evt-garbled', 'data', '{"eventId": "evt-garbled", "userId"'],
      asEntry(badUser),
      validEntry2,
    ]);
    const badAudit = { ...auditEventFixture(), status: 'OK' };
    const goodAudit = auditEventFixture();
    const [badAuditId] = await appendRaw(EventStreams.audit, [asEntry(badAudit), asEntry(goodAudit)]);

    const batches: string[][] = [];
    startConsumer(EventStreams.usage, 'analytic-service', async (entries) => {
      batches.push(ids(entries.map((entry) => entry.event)));
    });
    const logs = recorder<typeof EventStreams.audit>();
    startConsumer(EventStreams.audit, 'logger-service', logs.handle);

    await eventually(async () => expect(batches).toEqual([ids(valid)]));
    await eventually(async () => expect(logs.seen).toEqual([goodAudit]));
    await eventually(async () => {
      expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0);
      expect(await pending(EventStreams.audit, 'logger-service')).toBe(0);
    });
    const letters = await deadLetters();
    expect(letters).toHaveLength(3);
    const usageLetters = letters.filter((letter) => letter.stream === EventStreams.usage);
    expect(usageLetters).toEqual([
      expect.objectContaining({ group: 'analytic-service', entry: notJsonId, reason: 'not JSON', id: 'evt-garbled' }),
      expect.objectContaining({ group: 'analytic-service', entry: badUserId, id: badUser.eventId, data: JSON.stringify(badUser) }),
    ]);
    expect(usageLetters[1]?.reason).toContain('"userId" must be a valid GUID');
    const auditLetter = letters.find((letter) => letter.stream === EventStreams.audit);
    expect(auditLetter).toEqual(expect.objectContaining({ group: 'logger-service', entry: badAuditId, id: badAudit.eventId }));
    expect(auditLetter?.reason).toContain('"status" must be a number');
  });

  it('dead-letters an invalid entry once, even when the valid entries of its batch are retried', async () => {
    const valid = usageEvents(3);
    const negative = { ...usageEventFixture(), promptTokens: -5 };
    const [validEntry1, ...laterValidEntries] = valid.map(asEntry);
    await appendRaw(EventStreams.usage, [validEntry1, asEntry(negative), ...laterValidEntries]);

    let failuresLeft = 2;
    const stored: UsageEvent[] = [];
    startConsumer(EventStreams.usage, 'analytic-service', async (entries) => {
      if (failuresLeft > 0) {
        failuresLeft -= 1;
        throw new Error('connect ECONNREFUSED 127.0.0.1:5432');
      }
      stored.push(...entries.map((entry) => entry.event));
    });

    await eventually(async () => expect(ids(stored)).toEqual(ids(valid)));
    await eventually(async () => expect(await pending(EventStreams.usage, 'analytic-service')).toBe(0));
    const letters = await deadLetters();
    expect(letters.map((letter) => letter.id)).toEqual([negative.eventId]);
    expect(letters[0]?.reason).toContain('"promptTokens" must be greater than or equal to 0');
  });
});

describe('publishing while Redis is unreachable', () => {
  it('keeps publish() instant, reports degraded, buffers, then appends every event in order once Redis is back', async () => {
    const proxy = await startProxy();
    const { publisher, redis, metrics } = startPublisher({}, proxy);
    const before = usageEvents(5);
    for (const event of before) publisher.publish(EventStreams.usage, event);
    await eventually(async () => expect(await eventIdsIn(EventStreams.usage)).toEqual(ids(before)));

    await cut(proxy, redis);
    const during = usageEvents(20);
    const audit = auditEventFixture();
    for (const event of during) expect(publisher.publish(EventStreams.usage, event)).toBeUndefined();
    expect(publisher.publish(EventStreams.audit, audit)).toBeUndefined();
    expect(publisher.buffered).toBe(21);

    await eventually(async () => expect(publisher.degraded).toBe(true));
    expect(publisher.buffered).toBe(21);
    // Retried while Redis is still away: the events in that attempt are still held, and counted.
    await eventually(async () => expect(commandsWaiting(redis)).toBe(true));
    expect(publisher.buffered).toBe(21);
    expect(await eventIdsIn(EventStreams.usage)).toEqual(ids(before));

    await proxy.up();
    await eventually(async () => expect(publisher.degraded).toBe(false));
    // Redis may hold the batch before the client has read the replies: wait until nothing is left
    // in the publisher, then the streams must hold every event exactly once, in order.
    await eventually(async () => expect(publisher.buffered).toBe(0));
    expect(await eventIdsIn(EventStreams.usage)).toEqual(ids([...before, ...during]));
    expect(await eventIdsIn(EventStreams.audit)).toEqual([audit.eventId]);
    expect(await counterValue(metrics, 'events_published_total', EventStreams.usage)).toBe(25);
    expect(await counterValue(metrics, 'events_dropped_total', EventStreams.usage)).toBe(0);
  });

  it.each([
    { overflow: 'drop-oldest' as const, kept: (events: UsageEvent[]) => events.slice(-5) },
    { overflow: 'drop-newest' as const, kept: (events: UsageEvent[]) => events.slice(0, 5) },
  ])('with a full buffer, $overflow decides which events are dropped, and counts them', async ({ overflow, kept }) => {
    const proxy = await startProxy();
    const { publisher, redis, metrics } = startPublisher({ EVENT_BUFFER_MAX: 5, EVENT_BUFFER_OVERFLOW: overflow }, proxy);
    await eventually(async () => expect(redis.status).toBe('ready'));
    await cut(proxy, redis);

    const events = usageEvents(12);
    for (const event of events) publisher.publish(EventStreams.usage, event);
    expect(publisher.buffered).toBe(5);
    expect(await counterValue(metrics, 'events_dropped_total', EventStreams.usage)).toBe(7);
    await eventually(async () => expect(publisher.degraded).toBe(true));

    await proxy.up();
    await eventually(async () => expect(publisher.degraded).toBe(false));
    await eventually(async () => expect(await eventIdsIn(EventStreams.usage)).toEqual(ids(kept(events))));
    expect(await counterValue(metrics, 'events_dropped_total', EventStreams.usage)).toBe(7);
    expect(await metrics.registry.metrics()).toMatch(/events_dropped_total\{stream="events:usage",service="events-int"\} 7/);
  });

  it.each([
    { overflow: 'drop-oldest' as const, kept: (events: UsageEvent[]) => events.slice(-5) },
    { overflow: 'drop-newest' as const, kept: (events: UsageEvent[]) => events.slice(0, 5) },
  ])('keeps the bound and $overflow also for events published while a retry is in flight', async ({ overflow, kept }) => {
    const proxy = await startProxy();
    const { publisher, redis, metrics } = startPublisher({ EVENT_BUFFER_MAX: 5, EVENT_BUFFER_OVERFLOW: overflow }, proxy);
    await eventually(async () => expect(redis.status).toBe('ready'));
    await cut(proxy, redis);

    const events = usageEvents(12);
    for (const event of events.slice(0, 5)) publisher.publish(EventStreams.usage, event);
    // The first five are in an append that waits for Redis when the next seven are published.
    await eventually(async () => expect(commandsWaiting(redis)).toBe(true));
    for (const event of events.slice(5)) publisher.publish(EventStreams.usage, event);
    // That append fails (ioredis gives up on the waiting commands): what is held is back within the bound.
    await eventually(async () => expect(commandsWaiting(redis)).toBe(false));
    expect(publisher.degraded).toBe(true);
    expect(publisher.buffered).toBe(5);
    expect(await counterValue(metrics, 'events_dropped_total', EventStreams.usage)).toBe(7);

    await proxy.up();
    await eventually(async () => expect(publisher.degraded).toBe(false));
    await eventually(async () => expect(await eventIdsIn(EventStreams.usage)).toEqual(ids(kept(events))));
    expect(await counterValue(metrics, 'events_dropped_total', EventStreams.usage)).toBe(7);
  });
});

describe('shutdown', () => {
  it('drain() appends everything still buffered before it resolves', async () => {
    // Events would otherwise wait a whole second to share a round trip.
    const { publisher } = startPublisher({ EVENT_FLUSH_INTERVAL_MS: 1000 });
    const usage = usageEvents(520);
    const audit = [auditEventFixture(), auditEventFixture()];
    for (const event of usage) publisher.publish(EventStreams.usage, event);
    for (const event of audit) publisher.publish(EventStreams.audit, event);
    expect(publisher.buffered).toBe(522);

    await expect(publisher.drain()).resolves.toBe(true);
    expect(publisher.buffered).toBe(0);
    expect(await eventIdsIn(EventStreams.usage)).toEqual(ids(usage));
    expect(await eventIdsIn(EventStreams.audit)).toEqual(ids(audit));
  });

  it('drain() waits for an append already in flight', async () => {
    const { publisher } = startPublisher({ EVENT_FLUSH_INTERVAL_MS: 1000 });
    // A full batch (500) goes at once: it is in flight when drain() is called, with nothing else buffered.
    const usage = usageEvents(500);
    for (const event of usage) publisher.publish(EventStreams.usage, event);

    await expect(publisher.drain()).resolves.toBe(true);
    expect(await inspect.xlen(key(EventStreams.usage))).toBe(500);
  });

  it('drain() says so when Redis is unreachable and events could not be appended by the deadline', async () => {
    const proxy = await startProxy();
    const { publisher, redis } = startPublisher({}, proxy);
    await eventually(async () => expect(redis.status).toBe('ready'));
    await cut(proxy, redis);
    const events = usageEvents(3);
    for (const event of events) publisher.publish(EventStreams.usage, event);
    await eventually(async () => expect(commandsWaiting(redis)).toBe(true));

    await expect(publisher.drain(300)).resolves.toBe(false);
    expect(publisher.buffered).toBe(3);

    await proxy.up();
    await eventually(async () => expect(await eventIdsIn(EventStreams.usage)).toEqual(ids(events)));
  });
});
