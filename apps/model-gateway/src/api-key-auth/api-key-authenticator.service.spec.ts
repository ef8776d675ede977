import { extractApiKey } from './api-key-authenticator.service';

describe('extractApiKey', () => {
  it('reads Authorization: Bearer, x-api-key and api-key, in that order', () => {
    expect(extractApiKey({ authorization: 'Bearer llmgw-abc' })).toBe('llmgw-abc');
    expect(extractApiKey({ authorization: 'bearer   llmgw-abc ' })).toBe('llmgw-abc');
    expect(extractApiKey({ 'x-api-key': 'llmgw-x' })).toBe('llmgw-x');
    expect(extractApiKey({ 'api-key': 'llmgw-azure' })).toBe('llmgw-azure');
    expect(extractApiKey({ authorization: 'Bearer first', 'x-api-key': 'second' })).toBe('first');
  });

  it('finds nothing in a missing or malformed header', () => {
    expect(extractApiKey({})).toBeNull();
    expect(extractApiKey({ authorization: 'Basic dXNlcjpwYXNz' })).toBeNull();
    expect(extractApiKey({ authorization: 'Bearer' })).toBeNull();
    expect(extractApiKey({ 'x-api-key': '   ' })).toBeNull();
  });
});
