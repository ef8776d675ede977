import type { MigrationInterface, QueryRunner } from 'typeorm';

export class CreateAuditLogs1795324698919 implements MigrationInterface {
  name = 'CreateAuditLogs1795324698919';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE "audit_logs" (
        "id" uuid NOT NULL DEFAULT gen_random_uuid(),
        "created_at" timestamptz NOT NULL DEFAULT now(),
        "updated_at" timestamptz NOT NULL DEFAULT now(),
        "event_id" varchar(128) NOT NULL,
        "request_id" varchar(128) NOT NULL,
        "occurred_at" timestamptz NOT NULL,
        "service" varchar(64) NOT NULL,
        "user_id" uuid,
        "api_key_id" uuid,
        "team_id" uuid,
        "method" varchar(16) NOT NULL,
        "path" text NOT NULL,
        "model" varchar(256),
        "status" smallint NOT NULL,
        "latency_ms" integer NOT NULL,
        "client_ip" varchar(64),
        "user_agent" text,
        "error_message" text,
        CONSTRAINT "PK_audit_logs" PRIMARY KEY ("id"),
        CONSTRAINT "UQ_audit_logs_event_id" UNIQUE ("event_id")
      )
    `);
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_logs_occurred_at" ON "audit_logs" ("occurred_at" DESC)`,
    );
    await queryRunner.query(
      `CREATE INDEX "IDX_audit_logs_user_occurred_at" ON "audit_logs" ("user_id", "occurred_at")`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "audit_logs"`);
  }
}
