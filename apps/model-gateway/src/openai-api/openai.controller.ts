import { Controller, Get, Param, Post, Req, Res, UseGuards } from '@nestjs/common';
import type { Request, Response } from 'express';
import type { ApiKeyPrincipal } from '@llmgw/common';
import { Public } from '@llmgw/common/guards';
import { ApiKeyGuard, Principal } from '../api-key-auth/api-key.guard';
import { OpenAIGatewayService } from './openai-gateway.service';

/** OpenAI's API, authenticated by API key (not by the admin JWT, hence @Public for the global guard). */
@Public()
@UseGuards(ApiKeyGuard)
@Controller('v1')
export class OpenAIController {
  constructor(private readonly gateway: OpenAIGatewayService) {}

  @Post('chat/completions')
  chatCompletions(@Req() req: Request, @Res() res: Response, @Principal() principal: ApiKeyPrincipal): Promise<void> {
    return this.gateway.chatCompletions(req, res, principal);
  }

  @Post('completions')
  completions(@Req() req: Request, @Res() res: Response, @Principal() principal: ApiKeyPrincipal): Promise<void> {
    return this.gateway.completions(req, res, principal);
  }

  @Post('embeddings')
  embeddings(@Req() req: Request, @Res() res: Response, @Principal() principal: ApiKeyPrincipal): Promise<void> {
    return this.gateway.embeddings(req, res, principal);
  }

  @Get('models')
  listModels() {
    return this.gateway.listModels();
  }

  /** Model ids may contain slashes (`org/model`). */
  @Get('models/*id')
  getModel(@Param('id') id: string | string[]) {
    return this.gateway.getModel(Array.isArray(id) ? id.join('/') : id);
  }
}
