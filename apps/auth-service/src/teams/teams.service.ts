import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import { Team } from '@llmgw/common/entities';
import { TeamsException } from './teams.exception';

export interface TeamView {
  id: string;
  name: string;
  createdAt: string;
}

const toTeamView = (team: Team): TeamView => ({
  id: team.id,
  name: team.name,
  createdAt: team.createdAt.toISOString(),
});

@Injectable()
export class TeamsService {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async create(name: string): Promise<TeamView> {
    const [row] = (await this.dataSource.query(
      `INSERT INTO teams (name) VALUES ($1) ON CONFLICT (name) DO NOTHING RETURNING id, name, created_at`,
      [name],
    )) as { id: string; name: string; created_at: Date }[];
    if (!row) throw TeamsException.nameTaken(name);
    return { id: row.id, name: row.name, createdAt: row.created_at.toISOString() };
  }

  async list(): Promise<TeamView[]> {
    const teams = await this.dataSource.getRepository(Team).find({ order: { name: 'ASC' } });
    return teams.map(toTeamView);
  }
}
