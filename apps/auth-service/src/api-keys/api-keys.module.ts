import { Module } from '@nestjs/common';
import { ApiKeysController } from './api-keys.controller';
import { ApiKeysRpcController } from './api-keys.rpc.controller';
import { ApiKeysService } from './api-keys.service';

@Module({
  controllers: [ApiKeysController, ApiKeysRpcController],
  providers: [ApiKeysService],
  exports: [ApiKeysService],
})
export class ApiKeysModule {}
