import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  HttpStatus,
  Param,
  Post,
  Query,
} from '@nestjs/common';
import { CurrentUser, type AuthenticatedUser } from '@llmgw/common/guards';
import { idParamSchema, validate } from '@llmgw/common/validation';
import { ApiKeysService, type ApiKeyView, type CreatedApiKey } from './api-keys.service';
import {
  createApiKeySchema,
  listApiKeysQuerySchema,
  type CreateApiKeyBody,
  type ListApiKeysQuery,
} from './api-keys.schemas';

/** A caller's own API keys (any role); admins may list anyone's and revoke any. */
@Controller('auth/api-keys')
export class ApiKeysController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  @Post()
  create(
    @CurrentUser() caller: AuthenticatedUser,
    @Body(validate(createApiKeySchema, { unknown: 'strip' })) body: CreateApiKeyBody,
  ): Promise<CreatedApiKey> {
    return this.apiKeys.create(caller, body);
  }

  @Get()
  list(
    @CurrentUser() caller: AuthenticatedUser,
    @Query(validate(listApiKeysQuerySchema, { unknown: 'strip' })) query: ListApiKeysQuery,
  ): Promise<ApiKeyView[]> {
    return this.apiKeys.list(caller, query.userId);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  revoke(
    @CurrentUser() caller: AuthenticatedUser,
    @Param('id', validate(idParamSchema)) id: string,
  ): Promise<void> {
    return this.apiKeys.revoke(caller, id);
  }
}
