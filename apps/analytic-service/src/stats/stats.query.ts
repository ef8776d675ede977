import Joi from 'joi';
import { StatsException } from './stats.exception';

export interface StatsQuery {
  /** Only usage at or after this instant; everything when absent. */
  since?: Date;
}

const statsQuerySchema = Joi.object<StatsQuery>({ since: Joi.date().iso() });

export function parseStatsQuery(raw: unknown): StatsQuery {
  const { error, value } = statsQuerySchema.validate(raw ?? {}, {
    convert: true,
    abortEarly: false,
  });
  if (error) throw StatsException.invalidQuery(error);
  return value;
}
