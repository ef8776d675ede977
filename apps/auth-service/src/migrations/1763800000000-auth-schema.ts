import type { MigrationInterface, QueryRunner } from 'typeorm';

/** Roles, teams, users, API keys, refresh tokens and signing keys; seeds the `admin` and `user` roles. */
export class AuthSchema1763800000000 implements MigrationInterface {
  name = 'AuthSchema1763800000000';

  async up(q: QueryRunner): Promise<void> {
    await q.query(`
      CREATE TABLE roles (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(32) NOT NULL CONSTRAINT uq_roles_name UNIQUE,
        description varchar(255) NOT NULL DEFAULT '',
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE teams (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(128) NOT NULL CONSTRAINT uq_teams_name UNIQUE,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`
      CREATE TABLE users (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        email varchar(320) NOT NULL CONSTRAINT uq_users_email UNIQUE,
        password_hash varchar(255) NOT NULL,
        role_id uuid NOT NULL CONSTRAINT fk_users_role REFERENCES roles(id),
        team_id uuid NULL CONSTRAINT fk_users_team REFERENCES teams(id) ON DELETE SET NULL,
        active boolean NOT NULL DEFAULT true,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_users_role_id ON users (role_id)`);
    await q.query(`CREATE INDEX ix_users_team_id ON users (team_id)`);
    await q.query(`
      CREATE TABLE api_keys (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        name varchar(128) NOT NULL,
        prefix varchar(32) NOT NULL,
        key_hash char(64) NOT NULL CONSTRAINT uq_api_keys_key_hash UNIQUE,
        user_id uuid NOT NULL CONSTRAINT fk_api_keys_user REFERENCES users(id) ON DELETE CASCADE,
        team_id uuid NULL CONSTRAINT fk_api_keys_team REFERENCES teams(id) ON DELETE SET NULL,
        expires_at timestamptz NULL,
        revoked_at timestamptz NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        updated_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_api_keys_user_id ON api_keys (user_id, created_at DESC)`);
    await q.query(`CREATE INDEX ix_api_keys_team_id ON api_keys (team_id)`);
    await q.query(`
      CREATE TABLE refresh_tokens (
        id uuid PRIMARY KEY DEFAULT gen_random_uuid(),
        user_id uuid NOT NULL CONSTRAINT fk_refresh_tokens_user REFERENCES users(id) ON DELETE CASCADE,
        token_hash char(64) NOT NULL CONSTRAINT uq_refresh_tokens_token_hash UNIQUE,
        family_id uuid NOT NULL,
        expires_at timestamptz NOT NULL,
        revoked_at timestamptz NULL,
        replaced_by uuid NULL,
        created_at timestamptz NOT NULL DEFAULT now()
      )`);
    await q.query(`CREATE INDEX ix_refresh_tokens_family_id ON refresh_tokens (family_id)`);
    await q.query(`CREATE INDEX ix_refresh_tokens_user_id ON refresh_tokens (user_id)`);
    await q.query(`
      CREATE TABLE signing_keys (
        kid varchar(64) PRIMARY KEY,
        algorithm varchar(16) NOT NULL,
        public_jwk jsonb NOT NULL,
        private_jwk jsonb NULL,
        private_jwk_sealed text NULL,
        created_at timestamptz NOT NULL DEFAULT now(),
        CONSTRAINT ck_signing_keys_private CHECK ((private_jwk IS NULL) <> (private_jwk_sealed IS NULL))
      )`);
    await q.query(`
      INSERT INTO roles (name, description) VALUES
        ('admin', 'Manages users, teams, keys, models and limits'),
        ('user', 'Uses the gateway with their own API keys')`);
  }

  async down(q: QueryRunner): Promise<void> {
    await q.query(`DROP TABLE IF EXISTS signing_keys`);
    await q.query(`DROP TABLE IF EXISTS refresh_tokens`);
    await q.query(`DROP TABLE IF EXISTS api_keys`);
    await q.query(`DROP TABLE IF EXISTS users`);
    await q.query(`DROP TABLE IF EXISTS teams`);
    await q.query(`DROP TABLE IF EXISTS roles`);
  }
}
