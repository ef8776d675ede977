import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { SecretBox } from '@llmgw/common';
import { LLM, LLMConnection } from '@llmgw/common/entities';
import { ConfigChangeService } from '../config-snapshot/config-change.service';
import { isUniqueViolation, isUuid } from '../shared/database-errors';
import { ConnectionException } from './connection.exception';
import { type CreateConnectionInput, needsBaseUrl, type UpdateConnectionInput } from './connection.schemas';
import { type ConnectionView, toConnectionView } from './connection.view';

/** How many LLM names a "connection in use" error lists. */
const IN_USE_LISTED = 10;

@Injectable()
export class ConnectionsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ConfigChangeService,
    private readonly secrets: SecretBox,
  ) {}

  async list(): Promise<ConnectionView[]> {
    const connections = await this.dataSource.manager.find(LLMConnection, { order: { name: 'ASC' } });
    return connections.map(toConnectionView);
  }

  async get(id: string): Promise<ConnectionView> {
    return toConnectionView(await this.findOrFail(this.dataSource.manager, id));
  }

  async create(input: CreateConnectionInput): Promise<ConnectionView> {
    const saved = await this.withNameCheck(input.name, () =>
      this.changes.apply((em) =>
        em.save(
          em.create(LLMConnection, {
            name: input.name,
            provider: input.provider,
            baseUrl: input.baseUrl ?? null,
            apiKeyEncrypted: this.seal(input.apiKey),
          }),
        ),
      ),
    );
    return toConnectionView(saved);
  }

  async update(id: string, input: UpdateConnectionInput): Promise<ConnectionView> {
    const saved = await this.withNameCheck(input.name, () =>
      this.changes.apply(async (em) => {
        const connection = await this.findOrFail(em, id, true);
        if (input.name !== undefined) connection.name = input.name;
        if (input.provider !== undefined) connection.provider = input.provider;
        if (input.baseUrl !== undefined) connection.baseUrl = input.baseUrl;
        if (input.apiKey !== undefined) connection.apiKeyEncrypted = this.seal(input.apiKey);
        if (needsBaseUrl(connection.provider) && !connection.baseUrl) {
          throw ConnectionException.baseUrlRequired(connection.provider);
        }
        return em.save(connection);
      }),
    );
    return toConnectionView(saved);
  }

  /** Refused while LLMs use the connection. The row lock makes a concurrent LLM create wait for the outcome. */
  async remove(id: string): Promise<void> {
    await this.changes.apply(async (em) => {
      const connection = await this.findOrFail(em, id, true);
      await this.assertUnused(em, connection);
      await em.delete(LLMConnection, { id });
    });
  }

  private async assertUnused(em: EntityManager, connection: LLMConnection): Promise<void> {
    const [llms, total] = await em.findAndCount(LLM, {
      where: { connection: { id: connection.id } },
      order: { name: 'ASC' },
      take: IN_USE_LISTED,
    });
    if (total > 0) throw ConnectionException.inUse(connection.name, llms.map((llm) => llm.name), total);
  }

  private async findOrFail(em: EntityManager, id: string, forUpdate = false): Promise<LLMConnection> {
    const connection = isUuid(id)
      ? await em.findOne(LLMConnection, { where: { id }, ...(forUpdate && { lock: { mode: 'pessimistic_write' as const } }) })
      : null;
    if (!connection) throw ConnectionException.notFound(id);
    return connection;
  }

  private seal(apiKey: string | null | undefined): string | null {
    return apiKey ? this.secrets.seal(apiKey) : null;
  }

  private async withNameCheck<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error, 'llm_connections_name_key')) throw ConnectionException.nameTaken(name);
      throw error;
    }
  }
}
