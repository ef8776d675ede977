import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { ConfigRpc, type ConfigSnapshot } from '@llmgw/common';
import { ConfigSnapshotService } from './config-snapshot.service';

@Controller()
export class ConfigSnapshotRpcController {
  constructor(private readonly snapshots: ConfigSnapshotService) {}

  /** The gateway's whole routing table; it asks at boot and whenever the version moves. */
  @MessagePattern(ConfigRpc.snapshotGet.pattern)
  snapshot(): Promise<ConfigSnapshot> {
    return this.snapshots.snapshot();
  }
}
