import { DynamicModule, Module, ModuleMetadata, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HEALTH_OPTIONS, HealthController, HealthOptions, READINESS_CHECKS, ReadinessCheck } from './health.controller';

/** /health/live and /health/ready. Pass `readiness` providers for checks beyond Redis and PostgreSQL. */
@Module({})
export class HealthModule {
  static forRoot(
    options: HealthOptions & { readiness?: Provider<ReadinessCheck[]>; imports?: ModuleMetadata['imports'] },
  ): DynamicModule {
    const { readiness, imports = [], ...healthOptions } = options;
    const providers: Provider[] = [{ provide: HEALTH_OPTIONS, useValue: healthOptions }];
    if (readiness) providers.push(readiness);
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false }), ...imports],
      controllers: [HealthController],
      providers: readiness ? providers : [...providers, { provide: READINESS_CHECKS, useValue: [] }],
    };
  }
}
