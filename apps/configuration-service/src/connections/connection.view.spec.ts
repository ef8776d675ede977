import type { LLMConnection } from '@llmgw/common/entities';
import { toConnectionView } from './connection.view';

const base = {
  id: 'c1',
  name: 'openai',
  provider: 'openai',
  baseUrl: 'https://api.openai.com/v1',
  createdAt: new Date('2026-01-01T00:00:00Z'),
  updatedAt: new Date('2026-01-02T00:00:00Z'),
} as const;

describe('toConnectionView', () => {
  it('says whether there is a key and never shows it', () => {
    const view = toConnectionView({ ...base, apiKeyEncrypted: 'v1.a.b.c' } as LLMConnection);
    expect(view).toEqual({ ...base, hasApiKey: true, createdAt: '2026-01-01T00:00:00.000Z', updatedAt: '2026-01-02T00:00:00.000Z' });
    expect(JSON.stringify(view)).not.toContain('v1.a.b.c');
    expect(toConnectionView({ ...base, apiKeyEncrypted: null } as LLMConnection).hasApiKey).toBe(false);
  });
});
