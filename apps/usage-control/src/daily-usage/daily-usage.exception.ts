import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';
import type { ValidationError } from 'joi';

export enum DailyUsageErrorReason {
  InvalidQuery = 'DAILY_USAGE_INVALID_QUERY',
  OtherUsersUsage = 'DAILY_USAGE_OTHER_USER',
}

export class DailyUsageException extends ServiceException<DailyUsageErrorReason> {
  /** 400 naming every offending parameter: `details.fields` is `[{ field, message }]`. */
  static invalidQuery(error: ValidationError): DailyUsageException {
    return new DailyUsageException(
      RpcErrorCode.BadRequest,
      DailyUsageErrorReason.InvalidQuery,
      error.message,
      {
        fields: error.details.map((d) => ({ field: d.path.join('.'), message: d.message })),
      },
    );
  }

  static otherUsersUsage(): DailyUsageException {
    return new DailyUsageException(
      RpcErrorCode.Forbidden,
      DailyUsageErrorReason.OtherUsersUsage,
      'You can only read your own usage: omit userId or pass your own user id',
    );
  }
}
