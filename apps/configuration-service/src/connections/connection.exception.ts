import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum ConnectionErrorReason {
  NotFound = 'CONNECTION_NOT_FOUND',
  NameTaken = 'CONNECTION_NAME_TAKEN',
  InUse = 'CONNECTION_IN_USE',
  BaseUrlRequired = 'CONNECTION_BASE_URL_REQUIRED',
}

export class ConnectionException extends ServiceException<ConnectionErrorReason> {
  static notFound(id: string): ConnectionException {
    return new ConnectionException(RpcErrorCode.NotFound, ConnectionErrorReason.NotFound, `No connection with id ${id}`);
  }

  static nameTaken(name: string): ConnectionException {
    return new ConnectionException(
      RpcErrorCode.Conflict,
      ConnectionErrorReason.NameTaken,
      `A connection named "${name}" already exists; choose another name`,
      { fields: [{ field: 'name', message: `"name" ${name} is already taken` }] },
    );
  }

  static inUse(name: string, llmNames: string[], total: number): ConnectionException {
    const listed = llmNames.map((n) => `"${n}"`).join(', ') + (total > llmNames.length ? `, and ${total - llmNames.length} more` : '');
    return new ConnectionException(
      RpcErrorCode.Conflict,
      ConnectionErrorReason.InUse,
      `Connection "${name}" is used by ${total} LLM${total === 1 ? '' : 's'} (${listed}); delete them or move them to another connection first`,
      { llms: llmNames, total },
    );
  }

  static baseUrlRequired(provider: string): ConnectionException {
    return new ConnectionException(
      RpcErrorCode.BadRequest,
      ConnectionErrorReason.BaseUrlRequired,
      `"baseUrl" is required for provider "${provider}"`,
      { fields: [{ field: 'baseUrl', message: `"baseUrl" is required for provider "${provider}"` }] },
    );
  }
}
