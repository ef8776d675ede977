import { describeAdapterContract } from '../testing/adapter-contract';
import { DemoAdapter } from './demo.adapter';

describeAdapterContract('demo', {
  tools: false,
  upstream: false,
  async start() {
    return {
      adapter: new DemoAdapter(),
      target: () => ({ provider: 'demo', baseUrl: null, apiKey: null, upstreamModel: 'demo' }),
    };
  },
});
