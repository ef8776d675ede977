import { Logger } from '@nestjs/common';
import type Redis from 'ioredis';
import { hostname } from 'node:os';
import type { EventStreamName, EventTypeMap } from '../contracts/events.contracts';
import { EVENT_SCHEMAS } from './event.schemas';

export const DEAD_LETTER_STREAM = 'events:dead-letter';

export interface StreamEntry<T> {
  /** The Redis stream entry id. */
  entryId: string;
  event: T;
}

export interface StreamConsumerOptions<S extends EventStreamName> {
  stream: S;
  /** One consumer group per consuming service: every service sees every event once. */
  group: string;
  /** Must be idempotent by `event.eventId`: an event can arrive twice after a crash. */
  handle: (entries: StreamEntry<EventTypeMap[S]>[]) => Promise<void>;
  batchSize?: number;
  blockMs?: number;
  /** Entries pending longer than this on a dead consumer are claimed by a live one. */
  claimIdleMs?: number;
  /**
   * Called every claim cycle with the group's lag (entries not yet delivered to it) and pending
   * count. A lag that grows toward EVENT_STREAM_MAXLEN means trimming would soon drop entries.
   */
  onBacklog?: (backlog: { lag: number; pending: number }) => void;
}

/**
 * Reads a Redis Stream through a consumer group. Replicas share the work; a consumer that was
 * down reads its backlog when it returns; a batch is acknowledged only after `handle` succeeds,
 * and retried with backoff while it fails (e.g. PostgreSQL is down). Entries that cannot be
 * parsed, or fail their stream's schema, go to the dead-letter stream instead of blocking the
 * rest; `handle` only ever sees valid, normalised events.
 */
export class StreamConsumer<S extends EventStreamName> {
  private readonly logger: Logger;
  private readonly consumerName = `${hostname()}-${process.pid}`;
  private running = false;
  private loop: Promise<void> | null = null;
  private lastClaim = 0;

  constructor(
    /** A dedicated connection: XREADGROUP BLOCK holds it. */
    private readonly redis: Redis,
    private readonly options: StreamConsumerOptions<S>,
  ) {
    this.logger = new Logger(`StreamConsumer:${options.stream}:${options.group}`);
  }

  /** Starts reading in the background; a Redis that is down at boot only delays the first read. */
  start(): void {
    if (this.running) return;
    this.running = true;
    this.loop = this.run();
  }

  async stop(): Promise<void> {
    this.running = false;
    this.redis.disconnect();
    await this.loop?.catch(() => undefined);
  }

  private async ensureGroup(): Promise<void> {
    // ioredis applies keyPrefix to commands with a key spec; XGROUP has none, so prefix by hand.
    const key = `${this.redis.options.keyPrefix ?? ''}${this.options.stream}`;
    try {
      // From the start of the stream: events appended before this service ever ran still count.
      await this.redis.xgroup('CREATE', key, this.options.group, '0', 'MKSTREAM');
    } catch (error) {
      if (!String((error as Error).message).includes('BUSYGROUP')) throw error;
    }
  }

  private async run(): Promise<void> {
    let backoff = 500;
    let grouped = false;
    // First our own pending entries (delivered before a crash, never acknowledged), then new ones.
    let cursor = '0';
    while (this.running) {
      try {
        if (!grouped) {
          await this.ensureGroup();
          grouped = true;
        }
        if (Date.now() - this.lastClaim > (this.options.claimIdleMs ?? 60_000)) await this.claimAbandoned();
        const entries = await this.read(cursor);
        if (cursor === '0' && entries.length === 0) cursor = '>';
        if (entries.length > 0) await this.process(entries);
        backoff = 500;
      } catch (error) {
        if (!this.running) break;
        this.logger.warn(`Consumer paused: ${(error as Error).message}; retrying in ${backoff} ms`);
        await new Promise((r) => setTimeout(r, backoff));
        backoff = Math.min(backoff * 2, 30_000);
        // After a failure, re-read our pending entries so nothing is skipped.
        cursor = '0';
      }
    }
  }

  private async read(cursor: string): Promise<[string, string[]][]> {
    const { stream, group, batchSize = 200, blockMs = 2000 } = this.options;
    const args: (string | number)[] = ['GROUP', group, this.consumerName, 'COUNT', batchSize];
    if (cursor === '>') args.push('BLOCK', blockMs);
    args.push('STREAMS', stream, cursor);
    const reply = (await (this.redis as unknown as { xreadgroup: (...a: (string | number)[]) => Promise<unknown> }).xreadgroup(
      ...args,
    )) as [string, [string, string[] | null][]][] | null;
    if (!reply) return [];
    // Pending entries deleted by trimming come back with null fields: acknowledge and skip them.
    const entries = reply[0]?.[1] ?? [];
    const gone = entries.filter(([, fields]) => fields === null).map(([id]) => id);
    if (gone.length > 0) await this.redis.xack(stream, group, ...gone);
    return entries.filter((e): e is [string, string[]] => e[1] !== null);
  }

  private async reportBacklog(): Promise<void> {
    if (!this.options.onBacklog) return;
    const key = `${this.redis.options.keyPrefix ?? ''}${this.options.stream}`;
    const groups = (await this.redis.xinfo('GROUPS', key)) as (string | number | null)[][];
    for (const fields of groups) {
      const info = new Map<string, string | number | null>();
      for (let i = 0; i < fields.length - 1; i += 2) info.set(String(fields[i]), fields[i + 1] ?? null);
      if (info.get('name') !== this.options.group) continue;
      this.options.onBacklog({ lag: Number(info.get('lag') ?? 0), pending: Number(info.get('pending') ?? 0) });
    }
  }

  private async claimAbandoned(): Promise<void> {
    this.lastClaim = Date.now();
    await this.reportBacklog();
    const { stream, group, claimIdleMs = 60_000 } = this.options;
    const reply = (await this.redis.xautoclaim(stream, group, this.consumerName, claimIdleMs, '0-0', 'COUNT', 500)) as [
      string,
      [string, string[]][],
    ];
    const claimed = reply?.[1] ?? [];
    if (claimed.length > 0) {
      this.logger.log(`Claimed ${claimed.length} entries abandoned by another consumer`);
      await this.process(claimed);
    }
  }

  private async process(raw: [string, string[]][]): Promise<void> {
    const { stream, group } = this.options;
    const schema = EVENT_SCHEMAS[stream];
    const entries: StreamEntry<EventTypeMap[S]>[] = [];
    const poison: { entryId: string; fields: string[]; reason: string }[] = [];
    for (const [entryId, fields] of raw) {
      let data = '';
      for (let i = 0; i < fields.length - 1; i += 2) if (fields[i] === 'data') data = fields[i + 1] ?? '';
      let parsed: unknown;
      try {
        parsed = JSON.parse(data);
      } catch {
        poison.push({ entryId, fields, reason: 'not JSON' });
        continue;
      }
      const { error, value } = schema.validate(parsed, { abortEarly: false });
      if (error) poison.push({ entryId, fields, reason: error.message });
      else entries.push({ entryId, event: value as EventTypeMap[S] });
    }
    if (poison.length > 0) {
      const pipeline = this.redis.pipeline();
      for (const { entryId, fields, reason } of poison) {
        pipeline.xadd(DEAD_LETTER_STREAM, '*', 'stream', stream, 'group', group, 'entry', entryId, 'reason', reason, ...fields);
      }
      // Acknowledged with their dead letter: when `handle` fails and the batch is read again, they are not dead-lettered twice.
      pipeline.xack(stream, group, ...poison.map((p) => p.entryId));
      const results = await pipeline.exec();
      const failed = results?.find(([error]) => error);
      if (failed) throw failed[0];
      this.logger.error(`Moved ${poison.length} invalid entries to ${DEAD_LETTER_STREAM}: ${poison[0]?.reason}`);
    }
    if (entries.length > 0) await this.options.handle(entries);
    await this.redis.xack(stream, group, ...raw.map(([id]) => id));
  }
}
