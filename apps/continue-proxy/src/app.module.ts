import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@llmgw/common/bootstrap';
import { JwtAuthModule } from '@llmgw/common/guards';
import { HealthModule } from '@llmgw/common/health-check';
import type { ContinueProxyEnv } from './env.schema';

export const SERVICE = 'continue-proxy';

/** Continue IDE integration. Its config and dev-data features arrive with their own issue. */
@Module({})
export class AppModule {
  static register(env: ContinueProxyEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [CoreModule.forRoot(SERVICE, env), HealthModule.forRoot({ database: false }), JwtAuthModule],
    };
  }
}
