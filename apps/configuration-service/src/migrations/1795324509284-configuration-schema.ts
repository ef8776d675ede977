import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The tables configuration-service owns: provider connections, models, Continue configurations and
 * the settings store (which holds `config.version`, bumped by every configuration change).
 * Column names match the shared entities in libs/common/src/entities.
 */
export class ConfigurationSchema1795324509284 implements MigrationInterface {
  name = 'ConfigurationSchema1795324509284';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`
      CREATE TABLE llm_connections (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name varchar(128) NOT NULL,
        provider varchar(32) NOT NULL,
        base_url varchar(2048),
        api_key_encrypted text,
        CONSTRAINT llm_connections_pkey PRIMARY KEY (id),
        CONSTRAINT llm_connections_name_key UNIQUE (name)
      )`);
    await queryRunner.query(`
      CREATE TABLE llms (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name varchar(256) NOT NULL,
        connection_id uuid NOT NULL,
        upstream_model varchar(256) NOT NULL,
        input_cost_per_1m numeric(18, 8) NOT NULL DEFAULT 0,
        output_cost_per_1m numeric(18, 8) NOT NULL DEFAULT 0,
        enabled boolean NOT NULL DEFAULT true,
        CONSTRAINT llms_pkey PRIMARY KEY (id),
        CONSTRAINT llms_name_key UNIQUE (name),
        CONSTRAINT llms_connection_id_fkey FOREIGN KEY (connection_id) REFERENCES llm_connections (id) ON DELETE RESTRICT
      )`);
    await queryRunner.query(`CREATE INDEX llms_connection_id_idx ON llms (connection_id)`);
    await queryRunner.query(`
      CREATE TABLE continue_configurations (
        id uuid NOT NULL DEFAULT gen_random_uuid(),
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now(),
        name varchar(128) NOT NULL,
        team_id uuid,
        config jsonb NOT NULL DEFAULT '{}'::jsonb,
        is_default boolean NOT NULL DEFAULT false,
        CONSTRAINT continue_configurations_pkey PRIMARY KEY (id),
        CONSTRAINT continue_configurations_name_key UNIQUE (name)
      )`);
    // team_id points at auth-service's teams: no foreign key across service boundaries.
    await queryRunner.query(`CREATE INDEX continue_configurations_team_id_idx ON continue_configurations (team_id)`);
    await queryRunner.query(`
      CREATE TABLE settings (
        key text NOT NULL,
        value jsonb NOT NULL,
        updated_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT settings_pkey PRIMARY KEY (key)
      )`);
    await queryRunner.query(`INSERT INTO settings (key, value) VALUES ('config.version', '1'::jsonb)`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE settings`);
    await queryRunner.query(`DROP TABLE continue_configurations`);
    await queryRunner.query(`DROP TABLE llms`);
    await queryRunner.query(`DROP TABLE llm_connections`);
  }
}
