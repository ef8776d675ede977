import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum DailyUsageErrorReason {
  OtherUsersUsage = 'DAILY_USAGE_OTHER_USER',
}

export class DailyUsageException extends ServiceException<DailyUsageErrorReason> {
  static otherUsersUsage(): DailyUsageException {
    return new DailyUsageException(
      RpcErrorCode.Forbidden,
      DailyUsageErrorReason.OtherUsersUsage,
      'You can only read your own usage: omit userId or pass your own user id',
    );
  }
}
