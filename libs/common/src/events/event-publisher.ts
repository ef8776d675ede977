import { Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type Redis from 'ioredis';
import Joi from 'joi';
import type { EventStreamName, EventTypeMap } from '../contracts/events.contracts';
import { ENV } from '../config/env.tokens';
import { MetricsRegistry } from '../metrics/metrics.module';
import { REDIS } from '../redis/redis.module';

export interface EventPublisherEnv {
  /** Events wait this long to share one pipelined round trip with others (a full batch goes at once). */
  EVENT_FLUSH_INTERVAL_MS: number;
  EVENT_BUFFER_MAX: number;
  EVENT_BUFFER_OVERFLOW: 'drop-oldest' | 'drop-newest';
  EVENT_STREAM_MAXLEN: number;
}

export const eventPublisherEnvSchema = {
  EVENT_FLUSH_INTERVAL_MS: Joi.number().integer().min(0).max(1000).default(5),
  EVENT_BUFFER_MAX: Joi.number().integer().min(100).default(100_000),
  EVENT_BUFFER_OVERFLOW: Joi.string().valid('drop-oldest', 'drop-newest').default('drop-oldest'),
  EVENT_STREAM_MAXLEN: Joi.number().integer().min(10_000).default(5_000_000),
};

interface PendingEvent {
  stream: EventStreamName;
  id: string;
  data: string;
}

const BATCH = 500;
const RETRY_MS = 1000;

/**
 * Appends durable events (usage, audit) to Redis Streams. `publish()` is synchronous and never
 * awaited on a request's critical path: events gathered over EVENT_FLUSH_INTERVAL_MS go in one
 * pipelined round trip, so Redis sees a write per few milliseconds, not two per request. While
 * Redis is unreachable they wait in a bounded in-memory buffer and are flushed when it returns;
 * when the buffer is full, EVENT_BUFFER_OVERFLOW decides which event is dropped (and counted).
 */
@Injectable()
export class EventPublisher implements OnApplicationShutdown {
  private readonly logger = new Logger(EventPublisher.name);
  private queue: PendingEvent[] = [];
  private flushing = false;
  private inFlight = 0;
  private scheduled = false;
  private failing = false;
  private retryTimer: NodeJS.Timeout | null = null;
  private readonly dropped;
  private readonly published;

  constructor(
    @Inject(REDIS) private readonly redis: Redis,
    @Inject(ENV) private readonly env: EventPublisherEnv,
    metrics: MetricsRegistry,
  ) {
    this.dropped = metrics.counter('events_dropped_total', 'Events dropped because the buffer was full', ['stream']);
    this.published = metrics.counter('events_published_total', 'Events appended to their stream', ['stream']);
  }

  publish<S extends EventStreamName>(stream: S, event: EventTypeMap[S] & { eventId: string }): void {
    if (this.queue.length >= this.env.EVENT_BUFFER_MAX) {
      if (this.env.EVENT_BUFFER_OVERFLOW === 'drop-newest') {
        this.dropped.inc({ stream });
        return;
      }
      const lost = this.queue.shift();
      if (lost) this.dropped.inc({ stream: lost.stream });
    }
    this.queue.push({ stream, id: event.eventId, data: JSON.stringify(event) });
    if (this.queue.length >= BATCH && !this.failing) void this.flush();
    else this.schedule();
  }

  /** True while events cannot reach Redis: /health/ready reports the service degraded. */
  get degraded(): boolean {
    return this.failing || this.redis.status !== 'ready';
  }

  /** Events not yet in Redis, including a batch on its way. */
  get buffered(): number {
    return this.queue.length + this.inFlight;
  }

  /** Resolves when everything buffered so far has been appended (or the deadline passes). */
  async drain(deadlineMs = 5000): Promise<boolean> {
    const until = Date.now() + deadlineMs;
    while ((this.queue.length > 0 || this.flushing) && Date.now() < until) {
      await this.flush();
      // Another flush may be in flight (flush() then returns at once): wait for it, never spin.
      if (this.queue.length > 0 || this.flushing) await new Promise((r) => setTimeout(r, 50));
    }
    return this.queue.length === 0 && !this.flushing;
  }

  private schedule(): void {
    if (this.scheduled || this.failing) return;
    this.scheduled = true;
    setTimeout(() => {
      this.scheduled = false;
      void this.flush();
    }, this.env.EVENT_FLUSH_INTERVAL_MS).unref();
  }

  private async flush(): Promise<void> {
    if (this.flushing || this.queue.length === 0) return;
    this.flushing = true;
    const batch = this.queue.splice(0, BATCH);
    this.inFlight = batch.length;
    try {
      const pipeline = this.redis.pipeline();
      for (const event of batch) {
        pipeline.xadd(event.stream, 'MAXLEN', '~', this.env.EVENT_STREAM_MAXLEN, '*', 'id', event.id, 'data', event.data);
      }
      const results = await pipeline.exec();
      const failed = (results ?? []).findIndex(([error]) => error);
      if (failed >= 0) throw results?.[failed]?.[0] ?? new Error('XADD failed');
      for (const event of batch) this.published.inc({ stream: event.stream });
      if (this.failing) this.logger.log(`Redis is back; ${this.queue.length} buffered events left to flush`);
      this.failing = false;
    } catch (error) {
      // Put the batch back in front, in order; a retried XADD may duplicate an event, which consumers
      // absorb (they are idempotent by event id), while a dropped one would be a lost usage record.
      this.queue.unshift(...batch);
      this.keepWithinBound();
      if (!this.failing) this.logger.error(`Cannot append events (${(error as Error).message}); buffering`);
      this.failing = true;
      this.retryLater();
    } finally {
      this.flushing = false;
      this.inFlight = 0;
    }
    if (!this.failing && this.queue.length > 0) this.schedule();
  }

  /**
   * Events published while a failed batch was in flight were bounded without it: with the batch back
   * in front, apply EVENT_BUFFER_OVERFLOW again, so the buffer keeps the newest (or the oldest) events.
   */
  private keepWithinBound(): void {
    const excess = this.queue.length - this.env.EVENT_BUFFER_MAX;
    if (excess <= 0) return;
    const lost = this.env.EVENT_BUFFER_OVERFLOW === 'drop-newest' ? this.queue.splice(-excess) : this.queue.splice(0, excess);
    for (const event of lost) this.dropped.inc({ stream: event.stream });
  }

  private retryLater(): void {
    if (this.retryTimer) return;
    this.retryTimer = setTimeout(() => {
      this.retryTimer = null;
      void this.flush();
    }, RETRY_MS);
    this.retryTimer.unref();
  }

  async onApplicationShutdown(): Promise<void> {
    const drained = await this.drain(5000);
    if (!drained) this.logger.error(`${this.queue.length} events could not be appended before shutdown`);
    if (this.retryTimer) clearTimeout(this.retryTimer);
  }
}
