import { DynamicModule, Module } from '@nestjs/common';
import { CoreModule } from '@llmgw/common/bootstrap';
import { EventPublisher } from '@llmgw/common/events';
import { HealthModule, READINESS_CHECKS, type ReadinessCheck } from '@llmgw/common/health-check';
import { createDefaultRegistry } from '@llmgw/llm-providers';
import { ApiKeyAuthModule } from './api-key-auth/api-key-auth.module';
import type { GatewayEnv } from './env.schema';
import { ModelCatalog } from './model-catalog/model-catalog.service';
import { ModelCatalogModule } from './model-catalog/model-catalog.module';
import { OpenAIController } from './openai-api/openai.controller';
import { OpenAIGatewayService } from './openai-api/openai-gateway.service';
import { UnknownRouteController } from './openai-api/unknown-route.controller';
import { PROVIDER_REGISTRY } from './providers.token';
import { UsageModule } from './usage/usage.module';

export const SERVICE = 'model-gateway';

@Module({})
export class AppModule {
  static register(env: GatewayEnv): DynamicModule {
    return {
      module: AppModule,
      imports: [
        CoreModule.forRoot(SERVICE, env),
        UsageModule,
        ModelCatalogModule,
        ApiKeyAuthModule,
        HealthModule.forRoot({
          database: false,
          // The gateway serves from its caches while Redis is down; it reports degraded, not unready.
          redisOptional: true,
          imports: [ModelCatalogModule, UsageModule],
          readiness: {
            provide: READINESS_CHECKS,
            inject: [ModelCatalog, EventPublisher],
            useFactory: (catalog: ModelCatalog, publisher: EventPublisher): ReadinessCheck[] => [
              { name: 'config', check: async () => catalog.loaded && { version: catalog.version, models: catalog.list().length } },
              { name: 'events', check: async () => ({ degraded: publisher.degraded, buffered: publisher.buffered }) },
            ],
          },
        }),
      ],
      controllers: [OpenAIController, UnknownRouteController],
      providers: [OpenAIGatewayService, { provide: PROVIDER_REGISTRY, useFactory: () => createDefaultRegistry() }],
    };
  }
}
