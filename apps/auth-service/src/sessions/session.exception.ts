import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum SessionErrorReason {
  InvalidRefreshToken = 'INVALID_REFRESH_TOKEN',
  RefreshTokenReused = 'REFRESH_TOKEN_REUSED',
}

export class SessionException extends ServiceException<SessionErrorReason> {
  static invalid(): SessionException {
    return new SessionException(
      RpcErrorCode.Unauthorized,
      SessionErrorReason.InvalidRefreshToken,
      'The refresh token is invalid, expired or revoked; log in again',
    );
  }

  static reused(): SessionException {
    return new SessionException(
      RpcErrorCode.Unauthorized,
      SessionErrorReason.RefreshTokenReused,
      'This refresh token was already used, so its session has been revoked; log in again',
    );
  }
}
