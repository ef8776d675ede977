import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { Roles } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import {
  createConnectionSchema,
  type CreateConnectionInput,
  updateConnectionSchema,
  type UpdateConnectionInput,
} from './connection.schemas';
import type { ConnectionView } from './connection.view';
import { ConnectionsService } from './connections.service';

/** Provider connections: where a model's requests go, and with which credential. */
@Roles('admin')
@Controller('admin/api/connections')
export class ConnectionsController {
  constructor(private readonly connections: ConnectionsService) {}

  @Post()
  create(@Body(validate(createConnectionSchema)) body: CreateConnectionInput): Promise<ConnectionView> {
    return this.connections.create(body);
  }

  @Get()
  list(): Promise<ConnectionView[]> {
    return this.connections.list();
  }

  @Get(':id')
  get(@Param('id') id: string): Promise<ConnectionView> {
    return this.connections.get(id);
  }

  @Patch(':id')
  update(
    @Param('id') id: string,
    @Body(validate(updateConnectionSchema)) body: UpdateConnectionInput,
  ): Promise<ConnectionView> {
    return this.connections.update(id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id') id: string): Promise<void> {
    return this.connections.remove(id);
  }
}
