import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum TeamsErrorReason {
  NameTaken = 'TEAM_NAME_TAKEN',
}

export class TeamsException extends ServiceException<TeamsErrorReason> {
  static nameTaken(name: string): TeamsException {
    return new TeamsException(
      RpcErrorCode.Conflict,
      TeamsErrorReason.NameTaken,
      `A team named ${name} already exists`,
      {
        field: 'name',
      },
    );
  }
}
