import * as Joi from 'joi';
import { RpcErrorCode } from '../contracts/rpc';
import { serviceErrorOf } from '../testing/service-error';
import { idParamSchema } from './id-param.schema';
import { validate, ValidationException } from './joi-validation.pipe';

describe('JoiValidationPipe', () => {
  const login = Joi.object({ email: Joi.string().email().required(), password: Joi.string().required() });

  it('names every offending field in a 400 INVALID_REQUEST', () => {
    const pipe = validate(login);
    expect(() => pipe.transform({ email: 'nope' })).toThrow(ValidationException);
    expect(() => pipe.transform({ email: 'nope' })).toThrow(expect.objectContaining({ category: RpcErrorCode.BadRequest }));
    expect(serviceErrorOf(() => pipe.transform({ email: 'nope' }))).toEqual({
      reason: 'INVALID_REQUEST',
      message: expect.stringContaining('"email" must be a valid email'),
      details: {
        fields: [
          { field: 'email', message: '"email" must be a valid email' },
          { field: 'password', message: '"password" is required' },
        ],
      },
    });
  });

  it('names a nested field by its dotted path', () => {
    const pipe = validate(Joi.object({ limits: Joi.object({ rpm: Joi.number() }) }));
    expect(serviceErrorOf(() => pipe.transform({ limits: { rpm: 'many' } })).details).toEqual({
      fields: [{ field: 'limits.rpm', message: '"limits.rpm" must be a number' }],
    });
  });

  it('refuses unknown fields by default, naming them', () => {
    expect(serviceErrorOf(() => validate(login).transform({ email: 'a@b.co', password: 'x', extra: 1 })).details).toEqual({
      fields: [{ field: 'extra', message: '"extra" is not allowed' }],
    });
  });

  it('drops unknown fields when asked to strip them', () => {
    expect(validate(login, { unknown: 'strip' }).transform({ email: 'a@b.co', password: 'x', extra: 1 })).toEqual({
      email: 'a@b.co',
      password: 'x',
    });
  });

  it('converts query-string values by default, and refuses them when conversion is off', () => {
    const schema = Joi.object({ limit: Joi.number().integer(), since: Joi.date().iso() });
    expect(validate(schema).transform({ limit: '10', since: '2026-01-02T03:04:05Z' })).toEqual({
      limit: 10,
      since: new Date('2026-01-02T03:04:05Z'),
    });
    expect(serviceErrorOf(() => validate(schema, { convert: false }).transform({ limit: '10' })).details).toEqual({
      fields: [{ field: 'limit', message: '"limit" must be a number' }],
    });
  });

  it('validates an absent body or query as an empty object', () => {
    expect(validate(Joi.object({ limit: Joi.number().default(50) })).transform(undefined)).toEqual({ limit: 50 });
    expect(serviceErrorOf(() => validate(login).transform(undefined)).details).toEqual({
      fields: [
        { field: 'email', message: '"email" is required' },
        { field: 'password', message: '"password" is required' },
      ],
    });
  });

  it('names a body that is not an object "body", and a route parameter by its label or name', () => {
    expect(serviceErrorOf(() => validate(login).transform([1, 2], { type: 'body' })).details).toEqual({
      fields: [{ field: 'body', message: '"value" must be of type object' }],
    });
    expect(serviceErrorOf(() => validate(idParamSchema).transform('not-a-uuid', { type: 'param', data: 'id' })).details).toEqual({
      fields: [{ field: 'id', message: '"id" must be a valid GUID' }],
    });
    expect(serviceErrorOf(() => validate(Joi.string().uuid()).transform('x', { type: 'param', data: 'keyId' })).details).toEqual({
      fields: [{ field: 'keyId', message: '"value" must be a valid GUID' }],
    });
    expect(validate(idParamSchema).transform('0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f')).toBe('0b6c3f0e-8d1c-4f55-9a4e-2f7b9c1d2e3f');
  });
});
