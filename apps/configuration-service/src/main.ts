import 'reflect-metadata';
import { loadEnv } from '@llmgw/common';
import { bootstrapService } from '@llmgw/common/bootstrap';
import { AppModule } from './app.module';
import { configurationEnvSchema, type ConfigurationEnv } from './env.schema';

async function main(): Promise<void> {
  const env = loadEnv<ConfigurationEnv>(configurationEnvSchema);
  await bootstrapService({ module: AppModule.register(env), env });
}

void main();
