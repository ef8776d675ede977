import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown, type Type } from '@nestjs/common';
import type { BaseEnv } from '../config/env';
import { ENV, SERVICE_NAME } from '../config/env.tokens';
import type { EventStreamName, EventTypeMap } from '../contracts/events.contracts';
import { MetricsRegistry } from '../metrics/metrics.module';
import { createRedisClient } from '../redis/redis.module';
import { StreamConsumer } from './stream-consumer';

/** What consumes a stream: stores a batch of valid events, idempotently by event id. */
export interface EventSink<S extends EventStreamName> {
  record(events: EventTypeMap[S][]): Promise<unknown>;
}

/**
 * A provider that reads `stream` with the service's own consumer group, on a dedicated Redis
 * connection, for the life of the app, and hands each batch to `sink`. While the sink throws
 * (PostgreSQL down) the batch stays unacknowledged and is retried: the consumer pauses and
 * resumes where it was.
 */
export function streamConsumerFor<S extends EventStreamName>(stream: S, sink: Type<EventSink<S>>): Type {
  @Injectable()
  class EventStreamConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
    private readonly consumer: StreamConsumer<S>;

    constructor(
      @Inject(ENV) env: BaseEnv,
      @Inject(SERVICE_NAME) service: string,
      @Inject(sink) target: EventSink<S>,
      metrics: MetricsRegistry,
    ) {
      const lag = metrics.gauge('event_consumer_lag', 'Stream entries not yet delivered to this consumer group', ['stream', 'group']);
      const pending = metrics.gauge('event_consumer_pending', 'Entries delivered to the group and not yet acknowledged', ['stream', 'group']);
      this.consumer = new StreamConsumer(createRedisClient(env, `${service}-consumer`), {
        stream,
        group: service,
        onBacklog: (backlog) => {
          lag.set({ stream, group: service }, backlog.lag);
          pending.set({ stream, group: service }, backlog.pending);
        },
        handle: async (entries) => {
          await target.record(entries.map((entry) => entry.event));
        },
      });
    }

    onApplicationBootstrap(): void {
      this.consumer.start();
    }

    onApplicationShutdown(): Promise<void> {
      return this.consumer.stop();
    }
  }
  Object.defineProperty(EventStreamConsumer, 'name', { value: `${sink.name}StreamConsumer` });
  return EventStreamConsumer;
}
