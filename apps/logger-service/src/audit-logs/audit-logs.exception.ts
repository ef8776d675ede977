import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';
import type { ValidationError } from 'joi';

export enum AuditLogsErrorReason {
  InvalidQuery = 'AUDIT_LOGS_INVALID_QUERY',
}

export class AuditLogsException extends ServiceException<AuditLogsErrorReason> {
  /** 400 naming every offending parameter: `details.fields` is `[{ field, message }]`. */
  static invalidQuery(error: ValidationError): AuditLogsException {
    return new AuditLogsException(
      RpcErrorCode.BadRequest,
      AuditLogsErrorReason.InvalidQuery,
      error.message,
      {
        fields: error.details.map((d) => ({ field: d.path.join('.'), message: d.message })),
      },
    );
  }
}
