import { DynamicModule, Module, Provider } from '@nestjs/common';
import { TerminusModule } from '@nestjs/terminus';
import { HEALTH_OPTIONS, HealthController, READINESS_CHECKS, ReadinessCheck } from './health.controller';

/** /health/live and /health/ready. Pass `readiness` providers for checks beyond Redis and PostgreSQL. */
@Module({})
export class HealthModule {
  static forRoot(options: { database: boolean; readiness?: Provider<ReadinessCheck[]> }): DynamicModule {
    const providers: Provider[] = [{ provide: HEALTH_OPTIONS, useValue: { database: options.database } }];
    if (options.readiness) providers.push(options.readiness);
    return {
      module: HealthModule,
      imports: [TerminusModule.forRoot({ logger: false })],
      controllers: [HealthController],
      providers: options.readiness ? providers : [...providers, { provide: READINESS_CHECKS, useValue: [] }],
    };
  }
}
