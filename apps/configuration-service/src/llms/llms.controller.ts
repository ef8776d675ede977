import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { Roles } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { createLlmSchema, type CreateLlmInput, updateLlmSchema, type UpdateLlmInput } from './llm.schemas';
import type { LlmView } from './llm.view';
import { LlmsService } from './llms.service';

/** The models callers can name: public id, upstream model, connection and price. */
@Roles('admin')
@Controller('admin/api/llms')
export class LlmsController {
  constructor(private readonly llms: LlmsService) {}

  @Post()
  create(@Body(validate(createLlmSchema)) body: CreateLlmInput): Promise<LlmView> {
    return this.llms.create(body);
  }

  @Get()
  list(): Promise<LlmView[]> {
    return this.llms.list();
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<LlmView> {
    return this.llms.get(id);
  }

  @Patch(':id')
  update(@Param('id') id: string, @Body(validate(updateLlmSchema)) body: UpdateLlmInput): Promise<LlmView> {
    return this.llms.update(id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id') id: string): Promise<void> {
    return this.llms.remove(id);
  }
}
