import { Injectable, PipeTransform } from '@nestjs/common';
import type { Schema, ValidationError } from 'joi';
import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum ValidationErrorReason {
  InvalidRequest = 'INVALID_REQUEST',
}

export interface FieldProblem {
  field: string;
  message: string;
}

/** The offending field: its path in a body or query, or the label of a scalar (a route parameter). */
const fieldOf = (detail: ValidationError['details'][number]): string => {
  if (detail.path.length > 0) return detail.path.join('.');
  const label = detail.context?.label;
  return label && label !== 'value' ? label : '(body)';
};

export const describeValidationError = (error: ValidationError): FieldProblem[] =>
  error.details.map((d) => ({ field: fieldOf(d), message: d.message }));

/** Validates an HTTP body, query or param against a Joi schema: 400 naming every offending field. */
@Injectable()
export class JoiValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: Schema<T>) {}

  transform(value: unknown): T {
    const { error, value: validated } = this.schema.validate(value ?? {}, {
      abortEarly: false,
      stripUnknown: true,
      convert: true,
    });
    if (error) {
      throw new ServiceException(
        RpcErrorCode.BadRequest,
        ValidationErrorReason.InvalidRequest,
        error.message,
        {
          fields: describeValidationError(error),
        },
      );
    }
    return validated as T;
  }
}

/** `@Body(validate(schema))`. */
export const validate = <T>(schema: Schema<T>): JoiValidationPipe<T> =>
  new JoiValidationPipe(schema);
