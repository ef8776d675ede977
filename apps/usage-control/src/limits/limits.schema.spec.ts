import { invalidFieldsOf, serviceErrorOf } from '@llmgw/common/testing';
import { validateCreateRateLimit, validateUpdateRateLimit } from './limits.schema';

const parseCreateRateLimit = (body: unknown) => validateCreateRateLimit.transform(body);
const parseUpdateRateLimit = (body: unknown) => validateUpdateRateLimit.transform(body);

const USER = '0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f';

describe('validateCreateRateLimit', () => {
  it('fills absent limits with null (no limit) and the global subject with *', () => {
    expect(parseCreateRateLimit({ scope: 'global', requestsPerMinute: 600 })).toEqual({
      scope: 'global',
      subject: '*',
      requestsPerMinute: 600,
      tokensPerMinute: null,
      maxConcurrent: null,
      dailyTokens: null,
      budgetUsd: null,
    });
  });

  it('accepts every scope with a fitting subject', () => {
    for (const scope of ['team', 'user', 'api-key']) {
      expect(parseCreateRateLimit({ scope, subject: USER, budgetUsd: 12.5 })).toMatchObject({
        scope,
        subject: USER,
      });
    }
    expect(
      parseCreateRateLimit({ scope: 'model', subject: 'gpt-4o', dailyTokens: 5_000_000_000 }),
    ).toMatchObject({
      subject: 'gpt-4o',
      dailyTokens: 5_000_000_000,
    });
  });

  it.each([
    [{ subject: 'm' }, 'scope'],
    [{ scope: 'tenant', subject: 'x' }, 'scope'],
    [{ scope: 'global', subject: 'everyone' }, 'subject'],
    [{ scope: 'user', subject: 'bob' }, 'subject'],
    [{ scope: 'api-key' }, 'subject'],
    [{ scope: 'model', subject: '' }, 'subject'],
    [{ scope: 'model', subject: 'm', requestsPerMinute: -1 }, 'requestsPerMinute'],
    [{ scope: 'model', subject: 'm', tokensPerMinute: 1.5 }, 'tokensPerMinute'],
    [{ scope: 'model', subject: 'm', maxConcurrent: '10' }, 'maxConcurrent'],
    [{ scope: 'model', subject: 'm', maxConcurrent: 3_000_000_000 }, 'maxConcurrent'],
    [{ scope: 'model', subject: 'm', budgetUsd: 0.123456789 }, 'budgetUsd'],
    [{ scope: 'model', subject: 'm', rpm: 10 }, 'rpm'],
  ])('rejects %j naming %s', (body, field) => {
    expect(serviceErrorOf(() => parseCreateRateLimit(body))).toMatchObject({
      reason: 'INVALID_REQUEST',
      details: { fields: [{ field, message: expect.stringContaining(`"${field}"`) }] },
    });
  });

  it('names every offending field at once', () => {
    expect(
      invalidFieldsOf(() =>
        parseCreateRateLimit({ scope: 'user', subject: 'bob', maxConcurrent: -1 }),
      ),
    ).toEqual(['subject', 'maxConcurrent']);
  });

  it('rejects a body that is not an object', () => {
    expect(serviceErrorOf(() => parseCreateRateLimit([]))).toMatchObject({
      reason: 'INVALID_REQUEST',
    });
    expect(serviceErrorOf(() => parseCreateRateLimit(null))).toMatchObject({
      reason: 'INVALID_REQUEST',
    });
  });
});

describe('validateUpdateRateLimit', () => {
  it('accepts a partial change, null lifting a limit', () => {
    expect(parseUpdateRateLimit({ requestsPerMinute: null, budgetUsd: 3 })).toEqual({
      requestsPerMinute: null,
      budgetUsd: 3,
    });
  });

  it('refuses an empty change and a change of scope or subject', () => {
    expect(serviceErrorOf(() => parseUpdateRateLimit({}))).toMatchObject({
      message: 'Give at least one limit to change',
    });
    expect(serviceErrorOf(() => parseUpdateRateLimit({ subject: 'x' }))).toMatchObject({
      details: { fields: [{ field: 'subject', message: expect.any(String) }] },
      message: '"subject" cannot be changed; delete the policy and create a new one',
    });
  });
});
