import { Body, Controller, Delete, Get, HttpCode, HttpStatus, Param, Patch, Post } from '@nestjs/common';
import { Roles } from '@llmgw/common/guards';
import { JoiValidationPipe } from '../shared/joi-validation.pipe';
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
  create(@Body(new JoiValidationPipe(createConnectionSchema)) body: CreateConnectionInput): Promise<ConnectionView> {
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
    @Body(new JoiValidationPipe(updateConnectionSchema)) body: UpdateConnectionInput,
  ): Promise<ConnectionView> {
    return this.connections.update(id, body);
  }

  @Delete(':id')
  @HttpCode(HttpStatus.NO_CONTENT)
  remove(@Param('id') id: string): Promise<void> {
    return this.connections.remove(id);
  }
}
