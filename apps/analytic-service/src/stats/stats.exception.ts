import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';
import type { ValidationError } from 'joi';

export enum StatsErrorReason {
  InvalidQuery = 'STATS_INVALID_QUERY',
}

export class StatsException extends ServiceException<StatsErrorReason> {
  /** 400 naming every offending parameter: `details.fields` is `[{ field, message }]`. */
  static invalidQuery(error: ValidationError): StatsException {
    return new StatsException(
      RpcErrorCode.BadRequest,
      StatsErrorReason.InvalidQuery,
      error.message,
      {
        fields: error.details.map((d) => ({ field: d.path.join('.'), message: d.message })),
      },
    );
  }
}
