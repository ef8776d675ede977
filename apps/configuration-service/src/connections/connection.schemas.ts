import * as Joi from 'joi';
import { PROVIDER_KINDS, type ProviderKind } from '@llmgw/common';

/** The provider that needs no upstream (the built-in demo model). */
export const PROVIDER_WITHOUT_BASE_URL: ProviderKind = 'demo';

/** Every provider but the demo one needs somewhere to send requests. */
export const needsBaseUrl = (provider: ProviderKind): boolean => provider !== PROVIDER_WITHOUT_BASE_URL;

export interface CreateConnectionInput {
  name: string;
  provider: ProviderKind;
  baseUrl?: string | null;
  apiKey?: string | null;
}

export type UpdateConnectionInput = Partial<CreateConnectionInput>;

const name = Joi.string()
  .trim()
  .min(1)
  .max(128)
  .pattern(/^[A-Za-z0-9][\w .:/@-]*$/)
  .messages({
    'string.pattern.base': '"name" may contain letters, digits, spaces and _ . : / @ - and must start with a letter or digit',
  });
const provider = Joi.string()
  .valid(...PROVIDER_KINDS)
  .messages({ 'any.only': `"provider" must be one of ${PROVIDER_KINDS.join(', ')}` });
const baseUrl = Joi.string()
  .trim()
  .max(2048)
  .uri({ scheme: ['http', 'https'] })
  .messages({ 'string.uriCustomScheme': '"baseUrl" must be an http:// or https:// URL' });
/** The provider credential. Sealed at rest, never returned; null clears it. */
const apiKey = Joi.string().trim().min(1).max(8192).allow(null);

export const createConnectionSchema = Joi.object<CreateConnectionInput>({
  name: name.required(),
  provider: provider.required(),
  // Required once the provider is known to need it; a missing or unknown provider is reported on its own.
  baseUrl: Joi.when('provider', {
    is: Joi.valid(...PROVIDER_KINDS.filter(needsBaseUrl)).required(),
    then: baseUrl.required().messages({
      'any.required': `"baseUrl" is required for every provider except ${PROVIDER_WITHOUT_BASE_URL}`,
      'string.base': `"baseUrl" must be an http:// or https:// URL (required for every provider except ${PROVIDER_WITHOUT_BASE_URL})`,
    }),
    otherwise: baseUrl.allow(null),
  }),
  apiKey: apiKey.optional(),
});

export const updateConnectionSchema = Joi.object<UpdateConnectionInput>({
  name,
  provider,
  // null is accepted here; the service refuses it unless the (resulting) provider is demo.
  baseUrl: baseUrl.allow(null),
  apiKey,
})
  .min(1)
  .messages({ 'object.min': 'Send at least one of name, provider, baseUrl, apiKey' });
