import { Injectable, type ArgumentMetadata, type PipeTransform } from '@nestjs/common';
import type { Schema, ValidationError } from 'joi';
import { RpcErrorCode } from '../contracts/rpc';
import { ServiceException } from '../exception-filter/service.exception';

/** One code for every request that fails validation, whichever service or route refused it. */
export enum ValidationErrorReason {
  InvalidRequest = 'INVALID_REQUEST',
}

/** One problem with a request: the offending field and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

/** 400 `{ code: 'INVALID_REQUEST', message, details: { fields: [{ field, message }] } }`. */
export class ValidationException extends ServiceException<ValidationErrorReason> {
  constructor(message: string, fields: FieldError[]) {
    super(RpcErrorCode.BadRequest, ValidationErrorReason.InvalidRequest, message, { fields });
  }
}

export interface JoiValidationOptions {
  /**
   * Fields the schema does not declare: `'refuse'` (default) answers 400 naming each one, `'strip'`
   * drops them silently.
   */
  unknown?: 'refuse' | 'strip';
  /**
   * Whether Joi may convert values to the schema's types (`"10"` to 10, an ISO string to a Date,
   * trimming, lower-casing). On by default: query strings and route params only carry strings.
   * Turn it off for a JSON body where `"100"` for a number is a client bug worth reporting.
   */
  convert?: boolean;
}

/**
 * The offending field: its dotted path in a body or query; for the value as a whole (a body that
 * is not an object, a route parameter), the schema's label or else what Nest says the value is
 * (`id` for `@Param('id')`, `body`, `query`).
 */
const fieldOf = (detail: ValidationError['details'][number], metadata?: ArgumentMetadata): string => {
  if (detail.path.length > 0) return detail.path.join('.');
  const label = detail.context?.label;
  if (label && label !== 'value') return label;
  return metadata?.data ?? metadata?.type ?? 'body';
};

/**
 * Validates an HTTP body, query or route parameter against a Joi schema, reporting every problem
 * at once: `@Body(validate(schema))`, `@Query(validate(schema))`, `@Param('id', validate(idParamSchema))`.
 */
@Injectable()
export class JoiValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(
    private readonly schema: Schema<T>,
    private readonly options: JoiValidationOptions = {},
  ) {}

  transform(value: unknown, metadata?: ArgumentMetadata): T {
    const { error, value: validated } = this.schema.validate(value ?? {}, {
      abortEarly: false,
      convert: this.options.convert ?? true,
      stripUnknown: this.options.unknown === 'strip',
    });
    if (error) {
      throw new ValidationException(
        error.message,
        error.details.map((detail) => ({ field: fieldOf(detail, metadata), message: detail.message })),
      );
    }
    return validated as T;
  }
}

export const validate = <T>(schema: Schema<T>, options?: JoiValidationOptions): JoiValidationPipe<T> =>
  new JoiValidationPipe(schema, options);
