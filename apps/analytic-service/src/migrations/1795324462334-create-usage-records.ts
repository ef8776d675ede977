import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateUsageRecords1795324462334 implements MigrationInterface {
  name = 'CreateUsageRecords1795324462334';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "usage_records" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "event_id" varchar(128) NOT NULL,
        "request_id" varchar(128) NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "user_id" uuid NOT NULL,
        "api_key_id" uuid NOT NULL,
        "team_id" uuid,
        "endpoint" varchar(64) NOT NULL,
        "model" varchar(256) NOT NULL,
        "upstream_model" varchar(256),
        "provider" varchar(64),
        "connection_id" uuid,
        "stream" boolean NOT NULL,
        "prompt_tokens" integer NOT NULL,
        "completion_tokens" integer NOT NULL,
        "total_tokens" integer NOT NULL,
        "cached_tokens" integer NOT NULL,
        "reasoning_tokens" integer NOT NULL,
        "cost_usd" numeric(18,8) NOT NULL,
        "latency_ms" integer NOT NULL,
        "status" smallint NOT NULL,
        "error_code" varchar(128),
        CONSTRAINT "PK_usage_records" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_usage_records_event_id" UNIQUE ("event_id")
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_records_occurred_at" ON "usage_records" ("occurred_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_records_user_occurred_at" ON "usage_records" ("user_id", "occurred_at")`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_usage_records_model_occurred_at" ON "usage_records" ("model", "occurred_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "usage_records"`);
  }
}
