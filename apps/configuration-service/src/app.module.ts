import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@llmgw/common/bootstrap';
import { ContinueConfiguration, LLM, LLMConnection } from '@llmgw/common/entities';
import { JwtAuthModule } from '@llmgw/common/guards';
import { HealthModule } from '@llmgw/common/health-check';
import { DatabaseModule } from '@llmgw/common/relational-database';
import { ConfigSnapshotModule } from './config-snapshot/config-snapshot.module';
import { ConnectionsModule } from './connections/connections.module';
import type { ConfigurationEnv } from './env.schema';
import { LlmsModule } from './llms/llms.module';
import { configurationMigrations } from './migrations';
import { SeedModule } from './seed/seed.module';

export const SERVICE = 'configuration-service';

/**
 * Models, provider connections (secrets sealed at rest) and Continue configurations. Every change
 * bumps the config version and is announced to the gateways, which reload their snapshot.
 */
@Module({})
export class AppModule {
  static register(env: ConfigurationEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(SERVICE, env),
        DatabaseModule.forRoot({
          entities: [LLMConnection, LLM, ContinueConfiguration],
          migrations: configurationMigrations,
          migrationsTableName: 'configuration_service_migrations',
        }),
        HealthModule.forRoot({ database: true }),
        JwtAuthModule,
        ConfigSnapshotModule,
        ConnectionsModule,
        LlmsModule,
        SeedModule,
      ],
    };
  }
}
