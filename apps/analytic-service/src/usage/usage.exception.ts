import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';
import type { ValidationError } from 'joi';

export enum UsageErrorReason {
  InvalidQuery = 'USAGE_INVALID_QUERY',
  OtherUsersUsage = 'USAGE_OTHER_USER',
}

export class UsageException extends ServiceException<UsageErrorReason> {
  /** 400 naming every offending parameter: `details.fields` is `[{ field, message }]`. */
  static invalidQuery(error: ValidationError): UsageException {
    return new UsageException(
      RpcErrorCode.BadRequest,
      UsageErrorReason.InvalidQuery,
      error.message,
      {
        fields: error.details.map((d) => ({ field: d.path.join('.'), message: d.message })),
      },
    );
  }

  static otherUsersUsage(): UsageException {
    return new UsageException(
      RpcErrorCode.Forbidden,
      UsageErrorReason.OtherUsersUsage,
      'You can only read your own usage: omit userId or pass your own user id',
    );
  }
}
