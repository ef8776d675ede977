import * as Joi from 'joi';
import type { ApiKeyValidateRequest } from '@llmgw/common';

export interface CreateApiKeyBody {
  name: string;
  expiresAt: Date | null;
}

export const createApiKeySchema = Joi.object<CreateApiKeyBody>({
  name: Joi.string().trim().min(1).max(128).required(),
  expiresAt: Joi.date().iso().greater('now').allow(null).default(null).messages({
    'date.greater': '"expiresAt" must be in the future',
  }),
});

export interface ListApiKeysQuery {
  userId?: string;
}

export const listApiKeysQuerySchema = Joi.object<ListApiKeysQuery>({ userId: Joi.string().uuid() });

export const validateApiKeySchema = Joi.object<ApiKeyValidateRequest>({
  keyHash: Joi.string().trim().lowercase().hex().length(64).required(),
});
