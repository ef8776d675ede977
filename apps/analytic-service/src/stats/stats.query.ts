import Joi from 'joi';

export interface StatsQuery {
  /** Only usage at or after this instant; everything when absent. */
  since?: Date;
}

/** `?since=` of GET /admin/api/stats/summary; unknown parameters are an error, not ignored. */
export const statsQuerySchema = Joi.object<StatsQuery>({ since: Joi.date().iso() });
