import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum UsageErrorReason {
  OtherUsersUsage = 'USAGE_OTHER_USER',
}

export class UsageException extends ServiceException<UsageErrorReason> {
  static otherUsersUsage(): UsageException {
    return new UsageException(
      RpcErrorCode.Forbidden,
      UsageErrorReason.OtherUsersUsage,
      'You can only read your own usage: omit userId or pass your own user id',
    );
  }
}
