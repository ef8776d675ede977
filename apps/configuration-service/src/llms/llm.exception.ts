import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum LlmErrorReason {
  NotFound = 'LLM_NOT_FOUND',
  NameTaken = 'LLM_NAME_TAKEN',
  UnknownConnection = 'LLM_UNKNOWN_CONNECTION',
}

export class LlmException extends ServiceException<LlmErrorReason> {
  static notFound(id: string): LlmException {
    return new LlmException(RpcErrorCode.NotFound, LlmErrorReason.NotFound, `No LLM with id ${id}`);
  }

  static nameTaken(name: string): LlmException {
    return new LlmException(
      RpcErrorCode.Conflict,
      LlmErrorReason.NameTaken,
      `An LLM named "${name}" already exists; model names are public ids and must be unique`,
      { fields: [{ field: 'name', message: `"name" ${name} is already taken` }] },
    );
  }

  static unknownConnection(connectionId: string): LlmException {
    return new LlmException(
      RpcErrorCode.BadRequest,
      LlmErrorReason.UnknownConnection,
      `"connectionId" ${connectionId} does not name a connection`,
      { fields: [{ field: 'connectionId', message: `"connectionId" ${connectionId} does not name a connection` }] },
    );
  }
}
