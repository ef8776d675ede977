import * as Joi from 'joi';

/** A uuid route parameter: `@Param('id', validate(idParamSchema))`. A malformed id is a 400 naming `id`, not a database error. */
export const idParamSchema = Joi.string().uuid().required().label('id');
