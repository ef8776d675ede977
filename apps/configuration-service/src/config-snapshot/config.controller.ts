import { Controller, Get } from '@nestjs/common';
import { Roles } from '@llmgw/common/guards';
import { ConfigChangeService } from './config-change.service';

@Roles('admin')
@Controller('admin/api/config')
export class ConfigController {
  constructor(private readonly changes: ConfigChangeService) {}

  /** The current configuration version, to compare with what the gateways report. */
  @Get()
  async version(): Promise<{ version: number }> {
    return { version: await this.changes.currentVersion() };
  }
}
