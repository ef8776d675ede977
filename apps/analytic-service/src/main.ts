import 'reflect-metadata';
import { loadEnv } from '@llmgw/common';
import { bootstrapService } from '@llmgw/common/bootstrap';
import { AppModule } from './app.module';
import { analyticServiceEnvSchema, type AnalyticServiceEnv } from './env.schema';

async function main(): Promise<void> {
  const env = loadEnv<AnalyticServiceEnv>(analyticServiceEnvSchema);
  await bootstrapService({ module: AppModule.register(env), env });
}

void main();
