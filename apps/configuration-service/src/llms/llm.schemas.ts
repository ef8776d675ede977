import * as Joi from 'joi';

export interface CreateLlmInput {
  name: string;
  connectionId: string;
  upstreamModel: string;
  inputCostPer1M: number;
  outputCostPer1M: number;
  enabled: boolean;
}

export type UpdateLlmInput = Partial<CreateLlmInput>;

/** Public model ids look like OpenAI's: `gpt-4o`, `ft:gpt-4o:org::id`, `meta-llama/Llama-3.1-8B`, `claude@2024`. */
export const MODEL_NAME_PATTERN = /^[A-Za-z0-9][\w.:/@+-]*$/;

const name = Joi.string().trim().min(1).max(256).pattern(MODEL_NAME_PATTERN).messages({
  'string.pattern.base': '"name" may contain letters, digits and _ . : / @ + - (no spaces) and must start with a letter or digit',
});
const connectionId = Joi.string().guid().messages({ 'string.guid': '"connectionId" must be a connection id (a uuid)' });
const upstreamModel = Joi.string().trim().min(1).max(256);
/** USD per million tokens; the column keeps 8 decimals. */
const cost = Joi.number().strict().min(0).max(1_000_000).precision(8);
const enabled = Joi.boolean().strict();

export const createLlmSchema = Joi.object<CreateLlmInput>({
  name: name.required(),
  connectionId: connectionId.required(),
  upstreamModel: upstreamModel.required(),
  inputCostPer1M: cost.required(),
  outputCostPer1M: cost.required(),
  enabled: enabled.default(true),
});

export const updateLlmSchema = Joi.object<UpdateLlmInput>({
  name,
  connectionId,
  upstreamModel,
  inputCostPer1M: cost,
  outputCostPer1M: cost,
  enabled,
})
  .min(1)
  .messages({ 'object.min': 'Send at least one of name, connectionId, upstreamModel, inputCostPer1M, outputCostPer1M, enabled' });
