import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum AuthErrorReason {
  InvalidCredentials = 'INVALID_CREDENTIALS',
  AccountUnavailable = 'ACCOUNT_UNAVAILABLE',
}

export class AuthException extends ServiceException<AuthErrorReason> {
  /** The same answer for an unknown email, a wrong password and an inactive account. */
  static invalidCredentials(): AuthException {
    return new AuthException(
      RpcErrorCode.Unauthorized,
      AuthErrorReason.InvalidCredentials,
      'Invalid email or password',
    );
  }

  static accountUnavailable(): AuthException {
    return new AuthException(
      RpcErrorCode.Unauthorized,
      AuthErrorReason.AccountUnavailable,
      'This account no longer exists or is deactivated; log in again',
    );
  }
}
