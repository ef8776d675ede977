import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum LimitsErrorReason {
  NotFound = 'LIMIT_NOT_FOUND',
  AlreadyExists = 'LIMIT_ALREADY_EXISTS',
}

export class LimitsException extends ServiceException<LimitsErrorReason> {
  static notFound(id: string): LimitsException {
    return new LimitsException(
      RpcErrorCode.NotFound,
      LimitsErrorReason.NotFound,
      `No rate-limit policy with id ${id}`,
    );
  }

  static alreadyExists(scope: string, subject: string): LimitsException {
    return new LimitsException(
      RpcErrorCode.Conflict,
      LimitsErrorReason.AlreadyExists,
      `A ${scope} policy for "${subject}" already exists; change it with PATCH /admin/api/limits/:id`,
      { scope, subject },
    );
  }
}
