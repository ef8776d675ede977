import * as Joi from 'joi';
import { ServiceException } from '@llmgw/common/exception-filter';
import { validate } from './joi-validation.pipe';

describe('JoiValidationPipe', () => {
  const pipe = validate(
    Joi.object({ email: Joi.string().email().required(), password: Joi.string().required() }),
  );

  it('names every offending field', () => {
    expect.assertions(3);
    try {
      pipe.transform({ email: 'nope' });
    } catch (error) {
      expect(error).toBeInstanceOf(ServiceException);
      expect((error as ServiceException).message).toContain('"email" must be a valid email');
      expect((error as ServiceException).details).toEqual({
        fields: [
          { field: 'email', message: '"email" must be a valid email' },
          { field: 'password', message: '"password" is required' },
        ],
      });
    }
  });

  it('returns the validated value without unknown keys', () => {
    expect(pipe.transform({ email: 'a@b.co', password: 'x', extra: 1 })).toEqual({
      email: 'a@b.co',
      password: 'x',
    });
  });
});
