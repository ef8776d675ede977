import type { RateLimitScope } from '@llmgw/common/entities';
import { validate } from '@llmgw/common/validation';
import Joi from 'joi';

export const RATE_LIMIT_SCOPES: readonly RateLimitScope[] = [
  'global',
  'team',
  'user',
  'api-key',
  'model',
];

/** The limits of a policy; null (or absent) means "no limit on that dimension". */
export interface RateLimitValues {
  requestsPerMinute: number | null;
  tokensPerMinute: number | null;
  maxConcurrent: number | null;
  dailyTokens: number | null;
  budgetUsd: number | null;
}

export interface CreateRateLimit extends RateLimitValues {
  scope: RateLimitScope;
  subject: string;
}

export type UpdateRateLimit = Partial<RateLimitValues>;

const INT_MAX = 2_147_483_647;
const limitFields = {
  requestsPerMinute: Joi.number().integer().min(0).max(INT_MAX).allow(null),
  tokensPerMinute: Joi.number().integer().min(0).max(INT_MAX).allow(null),
  maxConcurrent: Joi.number().integer().min(0).max(INT_MAX).allow(null),
  dailyTokens: Joi.number().integer().min(0).max(Number.MAX_SAFE_INTEGER).allow(null),
  // numeric(18,8): ten integer digits, eight decimals.
  budgetUsd: Joi.number().min(0).max(9_999_999_999).precision(8).allow(null),
};

const createSchema = Joi.object<CreateRateLimit>({
  scope: Joi.string()
    .valid(...RATE_LIMIT_SCOPES)
    .required(),
  // '*' for global; the team, user or key id; the public model name for a model policy.
  subject: Joi.when('scope', {
    switch: [
      { is: 'global', then: Joi.string().valid('*').default('*') },
      { is: Joi.valid('team', 'user', 'api-key').required(), then: Joi.string().guid().required() },
    ],
    otherwise: Joi.string().trim().min(1).max(256).required(),
  }),
  requestsPerMinute: limitFields.requestsPerMinute.default(null),
  tokensPerMinute: limitFields.tokensPerMinute.default(null),
  maxConcurrent: limitFields.maxConcurrent.default(null),
  dailyTokens: limitFields.dailyTokens.default(null),
  budgetUsd: limitFields.budgetUsd.default(null),
});

const immutable = (field: string) =>
  Joi.any()
    .forbidden()
    .messages({
      'any.unknown': `"${field}" cannot be changed; delete the policy and create a new one`,
    });

const updateSchema = Joi.object({
  ...limitFields,
  scope: immutable('scope'),
  subject: immutable('subject'),
})
  .min(1)
  .messages({ 'object.min': 'Give at least one limit to change' });

/**
 * The body pipes: 400 naming every offending field. No conversion: "100" for a number is a client
 * bug worth reporting.
 */
export const validateCreateRateLimit = validate<CreateRateLimit>(createSchema, { convert: false });
export const validateUpdateRateLimit = validate<UpdateRateLimit>(updateSchema, { convert: false });
