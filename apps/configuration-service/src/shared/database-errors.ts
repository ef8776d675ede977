import { QueryFailedError } from 'typeorm';

const pgError = (error: unknown): { code?: string; constraint?: string } | undefined =>
  error instanceof QueryFailedError ? (error.driverError as { code?: string; constraint?: string }) : undefined;

/** A PostgreSQL unique violation, optionally of one named constraint. */
export const isUniqueViolation = (error: unknown, constraint?: string): boolean => {
  const pg = pgError(error);
  return pg?.code === '23505' && (constraint === undefined || pg.constraint === constraint);
};

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** Ids are uuids; anything else cannot name a row (and must not reach PostgreSQL as a uuid). */
export const isUuid = (value: string): boolean => UUID.test(value);
