import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum ApiKeysErrorReason {
  KeyNotFound = 'API_KEY_NOT_FOUND',
  ForeignKeyList = 'API_KEY_LIST_FORBIDDEN',
}

export class ApiKeysException extends ServiceException<ApiKeysErrorReason> {
  /** Also for someone else's key: a caller cannot learn that a key id exists. */
  static notFound(id: string): ApiKeysException {
    return new ApiKeysException(
      RpcErrorCode.NotFound,
      ApiKeysErrorReason.KeyNotFound,
      `No API key with id ${id}`,
    );
  }

  static foreignList(): ApiKeysException {
    return new ApiKeysException(
      RpcErrorCode.Forbidden,
      ApiKeysErrorReason.ForeignKeyList,
      "Only admins may list another user's API keys",
    );
  }
}
