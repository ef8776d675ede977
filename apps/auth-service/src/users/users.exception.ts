import { RpcErrorCode } from '@llmgw/common';
import { ServiceException } from '@llmgw/common/exception-filter';

export enum UsersErrorReason {
  UserNotFound = 'USER_NOT_FOUND',
  EmailTaken = 'USER_EMAIL_TAKEN',
  UnknownTeam = 'USER_UNKNOWN_TEAM',
  LastAdmin = 'USER_LAST_ADMIN',
  SelfDelete = 'USER_SELF_DELETE',
}

export class UsersException extends ServiceException<UsersErrorReason> {
  static notFound(id: string): UsersException {
    return new UsersException(
      RpcErrorCode.NotFound,
      UsersErrorReason.UserNotFound,
      `No user with id ${id}`,
    );
  }

  static emailTaken(email: string): UsersException {
    return new UsersException(
      RpcErrorCode.Conflict,
      UsersErrorReason.EmailTaken,
      `A user with email ${email} already exists`,
      {
        field: 'email',
      },
    );
  }

  static unknownTeam(teamId: string): UsersException {
    return new UsersException(
      RpcErrorCode.BadRequest,
      UsersErrorReason.UnknownTeam,
      `No team with id ${teamId}`,
      {
        field: 'teamId',
      },
    );
  }

  static lastAdmin(): UsersException {
    return new UsersException(
      RpcErrorCode.Conflict,
      UsersErrorReason.LastAdmin,
      'This is the last active admin; make another user admin first',
    );
  }

  static selfDelete(): UsersException {
    return new UsersException(
      RpcErrorCode.Conflict,
      UsersErrorReason.SelfDelete,
      'You cannot delete your own account',
    );
  }
}
