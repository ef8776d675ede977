import type { LLM, LLMConnection } from '@llmgw/common/entities';
import { toConfigSnapshot } from './config-snapshot.mapper';

const connection = {
  id: 'c1',
  name: 'openai',
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  apiKeyEncrypted: 'v1.iv.tag.data',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-01T00:00:00Z'),
} as LLMConnection;

const llm = {
  id: 'm1',
  name: 'gpt-4o',
  connection,
  upstreamModel: 'gpt-4o-2024-08-06',
  inputCostPer1M: 2.5,
  outputCostPer1M: 10,
  enabled: false,
  createdAt: new Date('2026-02-03T04:05:06Z'),
  updatedAt: new Date('2026-02-03T04:05:06Z'),
} as LLM;

describe('toConfigSnapshot', () => {
  it('carries the version and every model with its connection, the key still sealed', () => {
    expect(toConfigSnapshot(7, [llm])).toEqual({
      version: 7,
      models: [
        {
          id: 'm1',
          name: 'gpt-4o',
          upstreamModel: 'gpt-4o-2024-08-06',
          inputCostPer1M: 2.5,
          outputCostPer1M: 10,
          enabled: false,
          createdAt: '2026-02-03T04:05:06.000Z',
          connection: {
            id: 'c1',
            name: 'openai',
            provider: 'openai',
            baseUrl: 'https://api.openai.com/v1',
            apiKeyEncrypted: 'v1.iv.tag.data',
          },
        },
      ],
    });
  });

  it('answers an empty configuration with no models', () => {
    expect(toConfigSnapshot(1, [])).toEqual({ version: 1, models: [] });
  });
});
