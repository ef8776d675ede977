import { DynamicModule, Logger, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource, type DataSourceOptions, type EntitySchema, type MixedList } from 'typeorm';
import type { DatabaseEnv } from '../config/env';
import { ENV } from '../config/env.tokens';

export interface DatabaseModuleOptions {
  /** Only the entities this service owns (it writes only its own tables). */
  entities: MixedList<string | (new () => unknown) | EntitySchema>;
  /** This service's migrations, in order. */
  migrations: (new () => unknown)[];
  /** Each service keeps its own migration history, e.g. `auth_migrations`. */
  migrationsTableName: string;
}

export function dataSourceOptions(env: DatabaseEnv, options: DatabaseModuleOptions): DataSourceOptions {
  return {
    type: 'postgres',
    url: env.DATABASE_URL,
    entities: options.entities,
    migrations: options.migrations,
    migrationsTableName: options.migrationsTableName,
    // The schema comes from migrations, always.
    synchronize: false,
    // Honoured by DatabaseModule, which runs them under an advisory lock rather than in initialize().
    migrationsRun: env.DB_MIGRATE_ON_BOOT,
    extra: { max: env.DB_POOL_SIZE, connectionTimeoutMillis: 5000 },
  };
}

/** Stable 32-bit key for pg_advisory_lock from the migrations table name. */
const lockKey = (name: string): number => {
  let hash = 0;
  for (const char of name) hash = (Math.imul(hash, 31) + char.charCodeAt(0)) | 0;
  return hash;
};

/** Runs pending migrations while holding an advisory lock, so replicas booting together migrate once. */
export async function runMigrationsLocked(dataSource: DataSource): Promise<void> {
  const runner = dataSource.createQueryRunner();
  const key = lockKey(String(dataSource.options.migrationsTableName));
  await runner.connect();
  try {
    await runner.query('SELECT pg_advisory_lock($1)', [key]);
    const applied = await dataSource.runMigrations({ transaction: 'each' });
    if (applied.length > 0) {
      new Logger('Database').log(`Applied migrations: ${applied.map((m) => m.name).join(', ')}`);
    }
  } finally {
    await runner.query('SELECT pg_advisory_unlock($1)', [key]).catch(() => undefined);
    await runner.release();
  }
}

/** TypeORM on PostgreSQL for a service that owns tables; migrates on boot unless DB_MIGRATE_ON_BOOT=false. */
@Module({})
export class DatabaseModule {
  static forRoot(options: DatabaseModuleOptions): DynamicModule {
    return {
      module: DatabaseModule,
      imports: [
        TypeOrmModule.forRootAsync({
          inject: [ENV],
          useFactory: (env: DatabaseEnv) => dataSourceOptions(env, options),
          dataSourceFactory: async (dsOptions) => {
            const { migrationsRun, ...rest } = dsOptions as DataSourceOptions;
            const dataSource = await new DataSource({ ...rest, migrationsRun: false } as DataSourceOptions).initialize();
            if (migrationsRun) await runMigrationsLocked(dataSource);
            return dataSource;
          },
        }),
        TypeOrmModule.forFeature(options.entities as (new () => unknown)[]),
      ],
      exports: [TypeOrmModule],
    };
  }
}
