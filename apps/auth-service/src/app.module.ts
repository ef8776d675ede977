import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@llmgw/common/bootstrap';
import { ApiKey, Role, Team, User } from '@llmgw/common/entities';
import { HealthModule } from '@llmgw/common/health-check';
import { DatabaseModule } from '@llmgw/common/relational-database';
import { ApiKeysModule } from './api-keys/api-keys.module';
import { AuthModule } from './auth/auth.module';
import { BootstrapAdminModule } from './bootstrap-admin/bootstrap-admin.module';
import type { AuthServiceEnv } from './env.schema';
import { authMigrations } from './migrations';
import { RefreshToken } from './sessions/refresh-token.entity';
import { SigningKey } from './signing-keys/signing-key.entity';
import { TeamsModule } from './teams/teams.module';
import { UsersModule } from './users/users.module';

export const SERVICE = 'auth-service';

/** Users, teams, API keys, login sessions and the keys that sign access tokens. */
@Module({})
export class AppModule {
  static register(env: AuthServiceEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(SERVICE, env),
        DatabaseModule.forRoot({
          entities: [Role, Team, User, ApiKey, RefreshToken, SigningKey],
          migrations: authMigrations,
          migrationsTableName: 'auth_service_migrations',
        }),
        HealthModule.forRoot({ database: true }),
        AuthModule,
        ApiKeysModule,
        UsersModule,
        TeamsModule,
        BootstrapAdminModule,
      ],
    };
  }
}
