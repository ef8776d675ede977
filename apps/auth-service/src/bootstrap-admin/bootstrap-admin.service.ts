import { Inject, Injectable, Logger, OnApplicationBootstrap } from '@nestjs/common';
import { ENV } from '@llmgw/common';
import type { AuthServiceEnv } from '../env.schema';
import { UsersService } from '../users/users.service';

/** Makes sure the platform has its first admin (ADMIN_EMAIL / ADMIN_PASSWORD) before serving. */
@Injectable()
export class BootstrapAdminService implements OnApplicationBootstrap {
  private readonly logger = new Logger(BootstrapAdminService.name);

  constructor(
    private readonly users: UsersService,
    @Inject(ENV) private readonly env: AuthServiceEnv,
  ) {}

  async onApplicationBootstrap(): Promise<void> {
    const outcome = await this.users.ensureAdmin(this.env.ADMIN_EMAIL, this.env.ADMIN_PASSWORD);
    if (outcome === 'created') this.logger.log(`Created the first admin ${this.env.ADMIN_EMAIL}`);
  }
}
