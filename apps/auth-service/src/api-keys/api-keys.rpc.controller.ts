import { Controller } from '@nestjs/common';
import { MessagePattern } from '@nestjs/microservices';
import { AuthRpc, type ApiKeyPrincipal, type ApiKeyValidateRequest } from '@llmgw/common';
import { RpcPayload } from '@llmgw/common/bus';
import { ApiKeysService } from './api-keys.service';
import { validateApiKeySchema } from './api-keys.schemas';

@Controller()
export class ApiKeysRpcController {
  constructor(private readonly apiKeys: ApiKeysService) {}

  /** The gateway's lookup on a cache miss. */
  @MessagePattern(AuthRpc.apiKeyValidate.pattern)
  validate(
    @RpcPayload(validateApiKeySchema) payload: ApiKeyValidateRequest,
  ): Promise<ApiKeyPrincipal | null> {
    return this.apiKeys.validate(payload.keyHash);
  }
}
