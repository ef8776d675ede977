import { Roles } from '@llmgw/common/guards';
import {
  Body,
  Controller,
  Delete,
  Get,
  HttpCode,
  Param,
  ParseUUIDPipe,
  Patch,
  Post,
} from '@nestjs/common';
import { parseCreateRateLimit, parseUpdateRateLimit } from './limits.schema';
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
  get(@Param('id', ParseUUIDPipe) id: string): Promise<RateLimitView> {
    return this.limits.get(id);
  }

  @Post()
  create(@Body() body: unknown): Promise<RateLimitView> {
    return this.limits.create(parseCreateRateLimit(body));
  }

  @Patch(':id')
  update(@Param('id', ParseUUIDPipe) id: string, @Body() body: unknown): Promise<RateLimitView> {
    return this.limits.update(id, parseUpdateRateLimit(body));
  }

  @Delete(':id')
  @HttpCode(204)
  async remove(@Param('id', ParseUUIDPipe) id: string): Promise<void> {
    await this.limits.remove(id);
  }
}
