import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ENV, EventStreams, SERVICE_NAME, type BaseEnv } from '@llmgw/common';
import { StreamConsumer } from '@llmgw/common/events';
import { createRedisClient } from '@llmgw/common/redis';
import { UsageService } from './usage.service';

/**
 * Reads EventStreams.usage with this service's consumer group on a dedicated connection. While
 * PostgreSQL is down `record` throws, so the batch stays unacknowledged and StreamConsumer retries
 * it with backoff: the consumer pauses and resumes where it was. Storing is idempotent by event id.
 */
@Injectable()
export class UsageStreamConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: StreamConsumer<typeof EventStreams.usage>;

  constructor(
    @Inject(ENV) env: BaseEnv,
    @Inject(SERVICE_NAME) service: string,
    usage: UsageService,
  ) {
    this.consumer = new StreamConsumer(createRedisClient(env, `${service}-consumer`), {
      stream: EventStreams.usage,
      group: service,
      handle: async (entries) => {
        await usage.record(entries.map((entry) => entry.event));
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
