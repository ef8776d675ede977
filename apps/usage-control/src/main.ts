import 'reflect-metadata';
import { loadEnv } from '@llmgw/common';
import { bootstrapService } from '@llmgw/common/bootstrap';
import { AppModule } from './app.module';
import { usageControlEnvSchema, type UsageControlEnv } from './env.schema';

async function main(): Promise<void> {
  const env = loadEnv<UsageControlEnv>(usageControlEnvSchema);
  await bootstrapService({ module: AppModule.register(env), env });
}

void main();
