import 'reflect-metadata';
import { loadEnv } from '@llmgw/common';
import { bootstrapService } from '@llmgw/common/bootstrap';
import { AppModule } from './app.module';
import { gatewayEnvSchema, type GatewayEnv } from './env.schema';
import { OpenAIErrorFilter } from './openai-api/openai-error.filter';

async function main(): Promise<void> {
  const env = loadEnv<GatewayEnv>(gatewayEnvSchema);
  await bootstrapService({
    module: AppModule.register(env),
    env,
    httpFilter: new OpenAIErrorFilter(),
    // The model APIs take JSON only: read every body as JSON, whatever content type a client sent.
    jsonBodyType: () => true,
  });
}

void main();
