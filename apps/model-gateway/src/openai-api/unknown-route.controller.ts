import { All, Controller, Req } from '@nestjs/common';
import type { Request } from 'express';
import { Public } from '@llmgw/common/guards';
import { GatewayErrorCode, GatewayException } from './gateway.exception';

/** Any other /v1 path: OpenAI's own answer for an unknown URL. */
@Public()
@Controller('v1')
export class UnknownRouteController {
  @All('*path')
  unknown(@Req() req: Request): never {
    throw new GatewayException(GatewayErrorCode.UnknownUrl, `Unknown request URL: ${req.method} ${req.path}.`);
  }
}
