import { Controller } from '@nestjs/common';
import { EventPattern } from '@nestjs/microservices';
import { ConfigBroadcasts, type ConfigChangedEvent } from '@llmgw/common';
import { RpcPayload } from '@llmgw/common/bus';
import { ModelCatalog } from './model-catalog.service';

@Controller()
export class ConfigChangedListener {
  constructor(private readonly catalog: ModelCatalog) {}

  @EventPattern(ConfigBroadcasts.changed.pattern)
  async onConfigChanged(@RpcPayload() event: ConfigChangedEvent | undefined): Promise<void> {
    if (event && Number.isInteger(event.version)) await this.catalog.refresh(event.version);
  }
}
