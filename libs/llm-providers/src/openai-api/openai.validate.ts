import type {
  ChatCompletionRequest,
  ChatRole,
  CompletionRequest,
  EmbeddingsRequest,
} from './openai.types';

/**
 * Validation of OpenAI request bodies at the gateway's edge.
 *
 * Messages follow OpenAI's own wording so an OpenAI SDK user sees familiar errors:
 *   missing            "'messages' is a required property"                       missing_required_parameter
 *   wrong type         "Invalid type for 'temperature': expected a number, but got a string."   invalid_type
 *   out of range       "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 3 instead."
 *   empty array        "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead."
 *   not allowed value  "Invalid value: 'robot'. Supported values are: 'system', ... and 'tool'."  invalid_value
 * `param` is the full path (`messages[2].content[0].text`). `null` and absent optional fields are
 * both "not given", as with OpenAI. Unknown fields are left in place: the returned value is the
 * same object, typed.
 */
export type ParseResult<T> =
  | { ok: true; value: T }
  | { ok: false; message: string; param: string | null; code: string | null };

export function parseChatCompletionRequest(body: unknown): ParseResult<ChatCompletionRequest> {
  return run(body, (obj) => {
    requireModel(obj);
    checkMessages(obj.messages);
    checkFields(obj, CHAT_FIELDS);
    return obj as ChatCompletionRequest;
  });
}

export function parseCompletionRequest(body: unknown): ParseResult<CompletionRequest> {
  return run(body, (obj) => {
    requireModel(obj);
    checkPrompt(obj.prompt);
    checkFields(obj, COMPLETION_FIELDS);
    return obj as CompletionRequest;
  });
}

export function parseEmbeddingsRequest(body: unknown): ParseResult<EmbeddingsRequest> {
  return run(body, (obj) => {
    requireModel(obj);
    checkEmbeddingsInput(obj.input);
    checkFields(obj, EMBEDDINGS_FIELDS);
    return obj as EmbeddingsRequest;
  });
}

// ---------- failures ----------

class Invalid extends Error {
  constructor(
    message: string,
    readonly param: string | null,
    readonly code: string | null,
  ) {
    super(message);
  }
}

function run<T>(body: unknown, parse: (obj: Record<string, unknown>) => T): ParseResult<T> {
  if (!isObject(body)) {
    return {
      ok: false,
      message: 'The request body must be a JSON object.',
      param: null,
      code: null,
    };
  }
  try {
    return { ok: true, value: parse(body) };
  } catch (err) {
    if (err instanceof Invalid)
      return { ok: false, message: err.message, param: err.param, code: err.code };
    throw err;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  switch (typeof value) {
    case 'string':
      return 'a string';
    case 'number':
      return 'a number';
    case 'boolean':
      return 'a boolean';
    case 'object':
      return 'an object';
    default:
      return typeof value;
  }
}

const missing = (param: string) =>
  new Invalid(`'${param}' is a required property`, param, 'missing_required_parameter');

const wrongType = (param: string, expected: string, value: unknown) =>
  new Invalid(
    `Invalid type for '${param}': expected ${expected}, but got ${describe(value)}.`,
    param,
    'invalid_type',
  );

const notAllowed = (param: string, value: unknown, allowed: readonly string[]) => {
  const quoted = allowed.map((v) => `'${v}'`);
  const list =
    quoted.length > 2
      ? `${quoted.slice(0, -1).join(', ')}, and ${quoted.at(-1)}`
      : quoted.join(' and ');
  return new Invalid(
    `Invalid value: '${String(value)}'. Supported values are: ${list}.`,
    param,
    'invalid_value',
  );
};

const emptyArray = (param: string) =>
  new Invalid(
    `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
    param,
    'empty_array',
  );

const emptyString = (param: string) =>
  new Invalid(
    `Invalid '${param}': empty string. Expected a string with minimum length 1, but got an empty string instead.`,
    param,
    'empty_string',
  );

// ---------- field checks (data: one rule per parameter) ----------

type Check = (value: unknown, param: string) => void;

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

const isGiven = (value: unknown) => value !== undefined && value !== null;

function bounded(kind: 'decimal' | 'integer', min?: number, max?: number): Check {
  return (value, param) => {
    if (typeof value !== 'number' || !Number.isFinite(value)) {
      throw wrongType(param, kind === 'integer' ? 'an integer' : 'a number', value);
    }
    if (kind === 'integer' && !Number.isInteger(value)) throw wrongType(param, 'an integer', value);
    if (min !== undefined && value < min) {
      throw new Invalid(
        `Invalid '${param}': ${kind} below minimum value. Expected a value >= ${min}, but got ${value} instead.`,
        param,
        `${kind}_below_min_value`,
      );
    }
    if (max !== undefined && value > max) {
      throw new Invalid(
        `Invalid '${param}': ${kind} above maximum value. Expected a value <= ${max}, but got ${value} instead.`,
        param,
        `${kind}_above_max_value`,
      );
    }
  };
}
const decimal = (min?: number, max?: number) => bounded('decimal', min, max);
const integer = (min?: number, max?: number) => bounded('integer', min, max);

const boolean: Check = (value, param) => {
  if (typeof value !== 'boolean') throw wrongType(param, 'a boolean', value);
};
const string: Check = (value, param) => {
  if (typeof value !== 'string') throw wrongType(param, 'a string', value);
};
const object: Check = (value, param) => {
  if (!isObject(value)) throw wrongType(param, 'an object', value);
};
const oneOf =
  (allowed: readonly string[]): Check =>
  (value, param) => {
    string(value, param);
    if (!allowed.includes(value as string)) throw notAllowed(param, value, allowed);
  };

const streamOptions: Check = (value, param) => {
  object(value, param);
  const includeUsage = (value as Record<string, unknown>).include_usage;
  if (isGiven(includeUsage)) boolean(includeUsage, `${param}.include_usage`);
};

const MAX_STOP_SEQUENCES = 4;
const stop: Check = (value, param) => {
  if (typeof value === 'string') return;
  if (!Array.isArray(value)) throw wrongType(param, 'a string or an array of strings', value);
  if (value.length > MAX_STOP_SEQUENCES) {
    throw new Invalid(
      `Invalid '${param}': array too long. Expected an array with maximum length ${MAX_STOP_SEQUENCES}, but got an array with length ${value.length} instead.`,
      param,
      'array_above_max_length',
    );
  }
  value.forEach((item, i) => string(item, `${param}[${i}]`));
};

const TOOL_NAME = /^[a-zA-Z0-9_-]{1,64}$/;
function toolName(value: unknown, param: string): void {
  if (value === undefined) throw missing(param);
  string(value, param);
  if (!TOOL_NAME.test(value as string)) {
    throw new Invalid(
      `Invalid '${param}': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.`,
      param,
      'invalid_value',
    );
  }
}

const tools: Check = (value, param) => {
  if (!Array.isArray(value)) throw wrongType(param, 'an array', value);
  if (value.length === 0) throw emptyArray(param);
  value.forEach((tool, i) => {
    const at = `${param}[${i}]`;
    object(tool, at);
    const { type } = tool as Record<string, unknown>;
    if (type === undefined) throw missing(`${at}.type`);
    oneOf(['function', 'custom'])(type, `${at}.type`);
    const spec = (tool as Record<string, unknown>)[type as string];
    if (spec === undefined) throw missing(`${at}.${type}`);
    object(spec, `${at}.${type}`);
    const fn = spec as Record<string, unknown>;
    toolName(fn.name, `${at}.${type}.name`);
    if (isGiven(fn.description)) string(fn.description, `${at}.${type}.description`);
    if (type === 'function') {
      if (isGiven(fn.parameters)) object(fn.parameters, `${at}.function.parameters`);
      if (isGiven(fn.strict)) boolean(fn.strict, `${at}.function.strict`);
    }
  });
};

const toolChoice: Check = (value, param) => {
  if (typeof value === 'string') return oneOf(['none', 'auto', 'required'])(value, param);
  if (!isObject(value)) throw wrongType(param, 'a string or an object', value);
  if (value.type === undefined) throw missing(`${param}.type`);
  string(value.type, `${param}.type`);
  if (value.type === 'function') {
    if (value.function === undefined) throw missing(`${param}.function`);
    object(value.function, `${param}.function`);
    toolName((value.function as Record<string, unknown>).name, `${param}.function.name`);
  }
};

/** Sampling and output controls shared by chat and legacy completions. */
const GENERATION_FIELDS: Record<string, Check> = {
  temperature: decimal(0, 2),
  top_p: decimal(0, 1),
  n: integer(1),
  max_tokens: integer(1),
  presence_penalty: decimal(-2, 2),
  frequency_penalty: decimal(-2, 2),
  seed: integer(),
  stream: boolean,
  stream_options: streamOptions,
  stop,
  logit_bias: object,
  user: string,
};

const CHAT_FIELDS: Record<string, Check> = {
  ...GENERATION_FIELDS,
  max_completion_tokens: integer(1),
  logprobs: boolean,
  top_logprobs: integer(0, 20),
  tools,
  tool_choice: toolChoice,
  parallel_tool_calls: boolean,
  response_format: object,
  metadata: object,
  store: boolean,
};

const COMPLETION_FIELDS: Record<string, Check> = {
  ...GENERATION_FIELDS,
  logprobs: integer(0, 5),
  echo: boolean,
  best_of: integer(1),
  suffix: string,
};

const EMBEDDINGS_FIELDS: Record<string, Check> = {
  encoding_format: oneOf(['float', 'base64']),
  dimensions: integer(1),
  user: string,
};

function checkFields(obj: Record<string, unknown>, fields: Record<string, Check>): void {
  for (const [name, check] of Object.entries(fields)) {
    if (isGiven(obj[name])) check(obj[name], name);
  }
}

function requireModel(obj: Record<string, unknown>): void {
  if (obj.model === undefined || obj.model === null) throw missing('model');
  string(obj.model, 'model');
  if (obj.model === '') throw emptyString('model');
}

// ---------- messages ----------

const ROLES: readonly ChatRole[] = ['system', 'developer', 'user', 'assistant', 'tool'];

/** Content part types each role may send, and the field each part type must carry. */
const PARTS_BY_ROLE: Record<ChatRole, readonly string[]> = {
  system: ['text'],
  developer: ['text'],
  user: ['text', 'image_url', 'input_audio', 'file'],
  assistant: ['text', 'refusal'],
  tool: ['text'],
};
const PART_FIELD: Record<string, { field: string; check: Check }> = {
  text: { field: 'text', check: string },
  refusal: { field: 'refusal', check: string },
  image_url: {
    field: 'image_url',
    check: (value, param) => {
      object(value, param);
      const url = (value as Record<string, unknown>).url;
      if (url === undefined) throw missing(`${param}.url`);
      string(url, `${param}.url`);
    },
  },
  input_audio: { field: 'input_audio', check: object },
  file: { field: 'file', check: object },
};

function checkMessages(messages: unknown): void {
  if (messages === undefined || messages === null) throw missing('messages');
  if (!Array.isArray(messages)) throw wrongType('messages', 'an array', messages);
  if (messages.length === 0) throw emptyArray('messages');
  messages.forEach((message, i) => checkMessage(message, `messages[${i}]`));
}

function checkMessage(message: unknown, at: string): void {
  object(message, at);
  const msg = message as Record<string, unknown>;
  if (msg.role === undefined) throw missing(`${at}.role`);
  oneOf(ROLES)(msg.role, `${at}.role`);
  const role = msg.role as ChatRole;

  if (isGiven(msg.name)) string(msg.name, `${at}.name`);
  if (role === 'tool') {
    if (msg.tool_call_id === undefined) throw missing(`${at}.tool_call_id`);
    string(msg.tool_call_id, `${at}.tool_call_id`);
  }
  if (role === 'assistant' && isGiven(msg.tool_calls))
    checkToolCalls(msg.tool_calls, `${at}.tool_calls`);

  const contentOptional = role === 'assistant' && (isGiven(msg.tool_calls) || isGiven(msg.refusal));
  if (!isGiven(msg.content)) {
    if (contentOptional) return;
    throw missing(`${at}.content`);
  }
  checkContent(msg.content, `${at}.content`, PARTS_BY_ROLE[role]);
}

function checkContent(content: unknown, at: string, allowedParts: readonly string[]): void {
  if (typeof content === 'string') return;
  if (!Array.isArray(content))
    throw wrongType(at, 'a string or an array of content parts', content);
  if (content.length === 0) throw emptyArray(at);
  content.forEach((part, i) => {
    const partAt = `${at}[${i}]`;
    object(part, partAt);
    const { type } = part as Record<string, unknown>;
    if (type === undefined) throw missing(`${partAt}.type`);
    oneOf(allowedParts)(type, `${partAt}.type`);
    const { field, check } = PART_FIELD[type as string];
    const value = (part as Record<string, unknown>)[field];
    if (value === undefined) throw missing(`${partAt}.${field}`);
    check(value, `${partAt}.${field}`);
  });
}

function checkToolCalls(toolCalls: unknown, at: string): void {
  if (!Array.isArray(toolCalls)) throw wrongType(at, 'an array', toolCalls);
  toolCalls.forEach((call, i) => {
    const callAt = `${at}[${i}]`;
    object(call, callAt);
    const c = call as Record<string, unknown>;
    for (const key of ['id', 'type', 'function'] as const) {
      if (c[key] === undefined) throw missing(`${callAt}.${key}`);
    }
    string(c.id, `${callAt}.id`);
    oneOf(['function'])(c.type, `${callAt}.type`);
    object(c.function, `${callAt}.function`);
    const fn = c.function as Record<string, unknown>;
    if (fn.name === undefined) throw missing(`${callAt}.function.name`);
    string(fn.name, `${callAt}.function.name`);
    if (fn.arguments === undefined) throw missing(`${callAt}.function.arguments`);
    string(fn.arguments, `${callAt}.function.arguments`);
  });
}

// ---------- prompt and input ----------

const token = integer(0);

/** `string | string[] | number[] | number[][]`, never empty. Shared by prompts and embeddings inputs. */
function checkTextOrTokens(value: unknown, param: string, allowEmptyString: boolean): void {
  if (value === undefined || value === null) throw missing(param);
  const text: Check = (v, at) => {
    string(v, at);
    if (!allowEmptyString && v === '') throw emptyString(at);
  };
  if (typeof value === 'string') return text(value, param);
  if (!Array.isArray(value)) {
    throw wrongType(
      param,
      'a string, an array of strings, an array of integers, or an array of integer arrays',
      value,
    );
  }
  if (value.length === 0) throw emptyArray(param);
  const first: unknown = value[0];
  if (typeof first === 'string') return value.forEach((item, i) => text(item, `${param}[${i}]`));
  if (typeof first === 'number') return value.forEach((item, i) => token(item, `${param}[${i}]`));
  value.forEach((item, i) => {
    if (!Array.isArray(item)) throw wrongType(`${param}[${i}]`, 'an array of integers', item);
    if (item.length === 0) throw emptyArray(`${param}[${i}]`);
    item.forEach((t, j) => token(t, `${param}[${i}][${j}]`));
  });
}

function checkPrompt(prompt: unknown): void {
  checkTextOrTokens(prompt, 'prompt', true);
}

function checkEmbeddingsInput(input: unknown): void {
  checkTextOrTokens(input, 'input', false);
}
