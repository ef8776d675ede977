import { Body, Controller, Get, Post } from '@nestjs/common';
import * as Joi from 'joi';
import { Roles } from '@llmgw/common/guards';
import { validate } from '@llmgw/common/validation';
import { TeamsService, type TeamView } from './teams.service';

interface CreateTeamBody {
  name: string;
}

const createTeamSchema = Joi.object<CreateTeamBody>({
  name: Joi.string().trim().min(1).max(128).required(),
});

/** Team administration. Admins only. */
@Roles('admin')
@Controller('auth/teams')
export class TeamsController {
  constructor(private readonly teams: TeamsService) {}

  @Post()
  create(
    @Body(validate(createTeamSchema, { unknown: 'strip' })) body: CreateTeamBody,
  ): Promise<TeamView> {
    return this.teams.create(body.name);
  }

  @Get()
  list(): Promise<TeamView[]> {
    return this.teams.list();
  }
}
