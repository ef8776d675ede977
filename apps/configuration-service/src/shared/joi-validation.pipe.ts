import { PipeTransform } from '@nestjs/common';
import type { Schema } from 'joi';
import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum ValidationErrorReason {
  InvalidBody = 'INVALID_BODY',
}

/** One problem with a request body: the offending field (dotted path) and what is wrong with it. */
export interface FieldError {
  field: string;
  message: string;
}

export class ValidationException extends ServiceException<ValidationErrorReason> {
  constructor(errors: FieldError[]) {
    super(RpcErrorCode.BadRequest, ValidationErrorReason.InvalidBody, errors.map((e) => e.message).join('; '), {
      fields: errors,
    });
  }
}

/**
 * Validates a request body against a Joi schema: every problem is reported at once, each naming
 * its field, as a 400. Unknown fields are refused rather than silently dropped.
 */
export class JoiValidationPipe<T> implements PipeTransform<unknown, T> {
  constructor(private readonly schema: Schema<T>) {}

  transform(value: unknown): T {
    const { error, value: validated } = this.schema.validate(value ?? {}, { abortEarly: false });
    if (error) {
      throw new ValidationException(
        error.details.map((detail) => ({ field: detail.path.join('.') || 'body', message: detail.message })),
      );
    }
    return validated as T;
  }
}
