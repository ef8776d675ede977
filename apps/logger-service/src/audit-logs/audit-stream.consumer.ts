import { Inject, Injectable, OnApplicationBootstrap, OnApplicationShutdown } from '@nestjs/common';
import { ENV, EventStreams, SERVICE_NAME, type BaseEnv } from '@llmgw/common';
import { StreamConsumer } from '@llmgw/common/events';
import { createRedisClient } from '@llmgw/common/redis';
import { AuditLogsService } from './audit-logs.service';

/**
 * Reads EventStreams.audit with this service's consumer group on a dedicated connection. While
 * PostgreSQL is down `record` throws, so the batch stays unacknowledged and StreamConsumer retries
 * it with backoff: the consumer pauses and resumes where it was. Storing is idempotent by event id.
 */
@Injectable()
export class AuditStreamConsumer implements OnApplicationBootstrap, OnApplicationShutdown {
  private readonly consumer: StreamConsumer<typeof EventStreams.audit>;

  constructor(
    @Inject(ENV) env: BaseEnv,
    @Inject(SERVICE_NAME) service: string,
    auditLogs: AuditLogsService,
  ) {
    this.consumer = new StreamConsumer(createRedisClient(env, `${service}-consumer`), {
      stream: EventStreams.audit,
      group: service,
      handle: async (entries) => {
        await auditLogs.record(entries.map((entry) => entry.event));
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
