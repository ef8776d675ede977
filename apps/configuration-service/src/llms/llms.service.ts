import { Injectable } from '@nestjs/common';
import { DataSource, EntityManager } from 'typeorm';
import { LLM, LLMConnection } from '@llmgw/common/entities';
import { ConfigChangeService } from '../config-snapshot/config-change.service';
import { isUniqueViolation, isUuid } from '../shared/database-errors';
import { LlmException } from './llm.exception';
import type { CreateLlmInput, UpdateLlmInput } from './llm.schemas';
import { type LlmView, toLlmView } from './llm.view';

@Injectable()
export class LlmsService {
  constructor(
    private readonly dataSource: DataSource,
    private readonly changes: ConfigChangeService,
  ) {}

  async list(): Promise<LlmView[]> {
    const llms = await this.dataSource.manager.find(LLM, { order: { name: 'ASC' } });
    return llms.map(toLlmView);
  }

  async get(id: string): Promise<LlmView> {
    return toLlmView(await this.findOrFail(this.dataSource.manager, id));
  }

  async create(input: CreateLlmInput): Promise<LlmView> {
    const saved = await this.withNameCheck(input.name, () =>
      this.changes.apply(async (em) => {
        const connection = await this.connectionOrFail(em, input.connectionId);
        return em.save(
          em.create(LLM, {
            name: input.name,
            connection,
            upstreamModel: input.upstreamModel,
            inputCostPer1M: input.inputCostPer1M,
            outputCostPer1M: input.outputCostPer1M,
            enabled: input.enabled,
          }),
        );
      }),
    );
    return toLlmView(saved);
  }

  async update(id: string, input: UpdateLlmInput): Promise<LlmView> {
    const saved = await this.withNameCheck(input.name, () =>
      this.changes.apply(async (em) => {
        const llm = await this.findOrFail(em, id, true);
        if (input.connectionId !== undefined) llm.connection = await this.connectionOrFail(em, input.connectionId);
        if (input.name !== undefined) llm.name = input.name;
        if (input.upstreamModel !== undefined) llm.upstreamModel = input.upstreamModel;
        if (input.inputCostPer1M !== undefined) llm.inputCostPer1M = input.inputCostPer1M;
        if (input.outputCostPer1M !== undefined) llm.outputCostPer1M = input.outputCostPer1M;
        if (input.enabled !== undefined) llm.enabled = input.enabled;
        return em.save(llm);
      }),
    );
    return toLlmView(saved);
  }

  async remove(id: string): Promise<void> {
    await this.changes.apply(async (em) => {
      await this.findOrFail(em, id, true);
      await em.delete(LLM, { id });
    });
  }

  /** The connection, share-locked so it cannot be deleted before this transaction commits. */
  private async connectionOrFail(em: EntityManager, id: string): Promise<LLMConnection> {
    const connection = await em.findOne(LLMConnection, { where: { id }, lock: { mode: 'pessimistic_read' } });
    if (!connection) throw LlmException.unknownConnection(id);
    return connection;
  }

  private async findOrFail(em: EntityManager, id: string, forUpdate = false): Promise<LLM> {
    const llm = isUuid(id)
      ? await em.findOne(LLM, {
          where: { id },
          ...(forUpdate && { lock: { mode: 'pessimistic_write' as const, tables: ['llms'] } }),
        })
      : null;
    if (!llm) throw LlmException.notFound(id);
    return llm;
  }

  private async withNameCheck<T>(name: string | undefined, work: () => Promise<T>): Promise<T> {
    try {
      return await work();
    } catch (error) {
      if (name !== undefined && isUniqueViolation(error, 'llms_name_key')) throw LlmException.nameTaken(name);
      throw error;
    }
  }
}
