import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Patch,
  Post,
} from '@nestjs/common';
import { CurrentUser, Roles, type AuthenticatedUser } from '@llmgw/common/guards';
import { idParamSchema, validate } from '@llmgw/common/validation';
import { UsersService } from './users.service';
import {
  createUserSchema,
  updateUserSchema,
  type CreateUserBody,
  type UpdateUserBody,
} from './users.schemas';
import type { UserView } from './user.view';

/** User administration. Admins only: users never see other users. */
@Roles('admin')
@Controller('auth/users')
export class UsersController {
  constructor(private readonly users: UsersService) {}

  @Post()
  create(
    @Body(validate(createUserSchema, { unknown: 'strip' })) body: CreateUserBody,
  ): Promise<UserView> {
    return this.users.create(body);
  }

  @Get()
  list(): Promise<UserView[]> {
    return this.users.list();
  }

  @Patch(':id')
  update(
    @Param('id', validate(idParamSchema)) id: string,
    @Body(validate(updateUserSchema, { unknown: 'strip' })) body: UpdateUserBody,
  ): Promise<UserView> {
    return this.users.update(id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', validate(idParamSchema)) id: string,
  ): Promise<void> {
    return this.users.remove(id, caller.userId);
  }
}
