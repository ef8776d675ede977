import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum SigningKeyErrorReason {
  SealedKeyUnreadable = 'SIGNING_KEY_SEALED_KEY_UNREADABLE',
  NoSigningKey = 'SIGNING_KEY_MISSING',
}

export class SigningKeyException extends ServiceException<SigningKeyErrorReason> {
  static sealedKeyUnreadable(kid: string): SigningKeyException {
    return new SigningKeyException(
      RpcErrorCode.Internal,
      SigningKeyErrorReason.SealedKeyUnreadable,
      `Signing key ${kid} is sealed; set SIGNING_KEY_ENCRYPTION_KEY to the key it was sealed with`,
    );
  }

  static noSigningKey(): SigningKeyException {
    return new SigningKeyException(
      RpcErrorCode.Unavailable,
      SigningKeyErrorReason.NoSigningKey,
      'No signing key is loaded yet',
    );
  }
}
