import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The shared RateLimit and DailyUsageTracking entities (libs/common) plus the consumer's idempotency table. */
export class CreateUsageControlTables1795324606201 implements MigrationInterface {
  name = 'CreateUsageControlTables1795324606201';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "rate_limits" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "scope" varchar(16) NOT NULL,
        "subject" varchar(256) NOT NULL,
        "requests_per_minute" integer,
        "tokens_per_minute" integer,
        "max_concurrent" integer,
        "daily_tokens" bigint,
        "budget_usd" numeric(18,8),
        CONSTRAINT "PK_rate_limits" PRIMARY KEY ("id"),
        CONSTRAINT "CHK_rate_limits_scope" CHECK ("scope" IN ('global', 'team', 'user', 'api-key', 'model'))
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_rate_limits_scope_subject" ON "rate_limits" ("scope", "subject")`,
    );

    await queryRunner.query(`
      CREATE TABLE "daily_usage_tracking" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "day" date NOT NULL,
        "user_id" uuid NOT NULL,
        "api_key_id" uuid NOT NULL,
        "team_id" uuid,
        "model" varchar(256) NOT NULL,
        "requests" integer NOT NULL DEFAULT 0,
        "prompt_tokens" bigint NOT NULL DEFAULT 0,
        "completion_tokens" bigint NOT NULL DEFAULT 0,
        "cost_usd" numeric(18,8) NOT NULL DEFAULT 0,
        CONSTRAINT "PK_daily_usage_tracking" PRIMARY KEY ("id")
      )
    `);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "UQ_daily_usage_tracking_day_user_key_model" ON "daily_usage_tracking" ("day", "user_id", "api_key_id", "model")`,
    );

    // Event ids already counted into daily_usage_tracking: a redelivered event is counted once.
    await queryRunner.query(`
      CREATE TABLE "usage_control_processed_events" (
        "event_id" varchar(128) NOT NULL,
        "processed_at" timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT "PK_usage_control_processed_events" PRIMARY KEY ("event_id")
      )
    `);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "usage_control_processed_events"`);
    await queryRunner.query(`DROP TABLE "daily_usage_tracking"`);
    await queryRunner.query(`DROP TABLE "rate_limits"`);
  }
}
