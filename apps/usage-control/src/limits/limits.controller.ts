import { Roles } from '@llmgw/common/guards';
import { Body, Controller, Delete, Get, HttpCode, Param, Patch, Post } from '@nestjs/common';
import { idParamSchema, validate } from '@llmgw/common/validation';
import {
  validateCreateRateLimit,
  validateUpdateRateLimit,
  type CreateRateLimit,
  type UpdateRateLimit,
} from './limits.schema';
import { LimitsService, type RateLimitView } from './limits.service';

/** Rate-limit, quota and budget policies (stored now; enforced by the gateway's admission script later). */
@Roles('admin')
@Controller('admin/api/limits')
export class LimitsController {
  constructor(private readonly limits: LimitsService) {}

  @Get()
  async list(): Promise<{ data: RateLimitView[] }> {
    return { data: await this.limits.list() };
  }

  @Get(':id')
  get(@Param('id', validate(idParamSchema)) id: string): Promise<RateLimitView> {
    return this.limits.get(id);
  }

  @Post()
  create(@Body(validateCreateRateLimit) body: CreateRateLimit): Promise<RateLimitView> {
    return this.limits.create(body);
  }

  @Patch(':id')
  update(
    @Param('id', validate(idParamSchema)) id: string,
    @Body(validateUpdateRateLimit) body: UpdateRateLimit,
  ): Promise<RateLimitView> {
    return this.limits.update(id, body);
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', validate(idParamSchema)) id: string): Promise<void> {
    await this.limits.remove(id);
  }
}
