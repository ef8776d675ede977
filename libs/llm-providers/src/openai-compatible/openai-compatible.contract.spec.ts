import type { Agent } from 'undici';
import { createHttpAgent } from '../core/http-client';
import { createDefaultRegistry } from '../core/provider-registry';
import { describeAdapterContract } from '../testing/adapter-contract';
import { startFakeOpenAIServer, type RecordedRequest } from '../testing/fake-openai-server';

// Every OpenAI-compatible kind is the same adapter with a different configuration; each passes
// the contract against the fake OpenAI server.
for (const kind of ['openai', 'openai-compatible', 'litellm', 'vllm']) {
  let agent: Agent;
  describeAdapterContract(kind, {
    tools: true,
    upstream: true,
    async start() {
      const server = await startFakeOpenAIServer({ apiKey: 'sk-contract' });
      agent = createHttpAgent();
      const adapter = createDefaultRegistry({ dispatcher: agent }).require(kind);
      return {
        adapter,
        target: (scenario) => ({
          provider: kind,
          baseUrl: server.url,
          apiKey: 'sk-contract',
          upstreamModel: scenario === 'ok' ? 'gpt-4o-mini' : scenario,
        }),
        lastUpstreamOutcome: () => (server.requests.at(-1) as RecordedRequest).outcome,
        teardown: async () => {
          await agent.close();
          await server.close();
        },
      };
    },
  });
}
