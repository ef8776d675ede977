import {
  parseChatCompletionRequest,
  parseCompletionRequest,
  parseEmbeddingsRequest,
  type ParseResult,
} from './openai.validate';

const chat = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o-mini',
  messages: [{ role: 'user', content: 'Hello' }],
  ...extra,
});

function errorOf(result: ParseResult<unknown>) {
  if (result.ok) throw new Error('expected a validation error');
  return { message: result.message, param: result.param, code: result.code };
}

describe('parseChatCompletionRequest', () => {
  it('accepts a full, valid body and returns it untouched, unknown fields included', () => {
    const body = chat({
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'system', content: [{ type: 'text', text: 'You are helpful.' }] },
        {
          role: 'user',
          content: [
            { type: 'text', text: 'What is in this image?' },
            { type: 'image_url', image_url: { url: 'https://example.com/cat.png', detail: 'low' } },
          ],
        },
        {
          role: 'assistant',
          content: null,
          tool_calls: [
            { id: 'call_1', type: 'function', function: { name: 'look', arguments: '{}' } },
          ],
        },
        { role: 'tool', tool_call_id: 'call_1', content: 'a cat' },
      ],
      temperature: 0.7,
      top_p: 1,
      n: 1,
      max_tokens: 100,
      max_completion_tokens: 100,
      stream: true,
      stream_options: { include_usage: true },
      stop: ['\n\n', 'END'],
      tools: [
        {
          type: 'function',
          function: { name: 'look', description: 'Look', parameters: { type: 'object' } },
        },
      ],
      tool_choice: { type: 'function', function: { name: 'look' } },
      top_k: 40,
      chat_template_kwargs: { enable_thinking: false },
    });
    const result = parseChatCompletionRequest(body);
    expect(result).toEqual({ ok: true, value: body });
    expect(result.ok && result.value).toBe(body);
  });

  it('treats null optional fields as absent, as OpenAI does', () => {
    expect(
      parseChatCompletionRequest(
        chat({ temperature: null, stop: null, tools: null, stream_options: null }),
      ).ok,
    ).toBe(true);
  });

  it.each([
    [undefined, 'The request body must be a JSON object.', null],
    ['text', 'The request body must be a JSON object.', null],
    [[chat()], 'The request body must be a JSON object.', null],
  ])('rejects a body that is not an object (%p)', (body, message, param) => {
    expect(errorOf(parseChatCompletionRequest(body))).toMatchObject({ message, param });
  });

  it.each<[string, Record<string, unknown>, string, string, string]>([
    [
      'no model',
      { model: undefined },
      "'model' is a required property",
      'model',
      'missing_required_parameter',
    ],
    [
      'empty model',
      { model: '' },
      "Invalid 'model': empty string. Expected a string with minimum length 1, but got an empty string instead.",
      'model',
      'empty_string',
    ],
    [
      'numeric model',
      { model: 4 },
      "Invalid type for 'model': expected a string, but got a number.",
      'model',
      'invalid_type',
    ],
    [
      'no messages',
      { messages: undefined },
      "'messages' is a required property",
      'messages',
      'missing_required_parameter',
    ],
    [
      'messages not an array',
      { messages: 'hi' },
      "Invalid type for 'messages': expected an array, but got a string.",
      'messages',
      'invalid_type',
    ],
    [
      'empty messages',
      { messages: [] },
      "Invalid 'messages': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages',
      'empty_array',
    ],
    [
      'message not an object',
      { messages: ['hi'] },
      "Invalid type for 'messages[0]': expected an object, but got a string.",
      'messages[0]',
      'invalid_type',
    ],
    [
      'message without role',
      { messages: [{ content: 'hi' }] },
      "'messages[0].role' is a required property",
      'messages[0].role',
      'missing_required_parameter',
    ],
    [
      'unknown role',
      { messages: [{ role: 'robot', content: 'hi' }] },
      "Invalid value: 'robot'. Supported values are: 'system', 'developer', 'user', 'assistant', and 'tool'.",
      'messages[0].role',
      'invalid_value',
    ],
    [
      'user without content',
      { messages: [{ role: 'user' }] },
      "'messages[0].content' is a required property",
      'messages[0].content',
      'missing_required_parameter',
    ],
    [
      'assistant without content or tool calls',
      {
        messages: [
          { role: 'user', content: 'a' },
          { role: 'assistant', content: null },
        ],
      },
      "'messages[1].content' is a required property",
      'messages[1].content',
      'missing_required_parameter',
    ],
    [
      'content of the wrong type',
      { messages: [{ role: 'user', content: 42 }] },
      "Invalid type for 'messages[0].content': expected a string or an array of content parts, but got a number.",
      'messages[0].content',
      'invalid_type',
    ],
    [
      'empty content array',
      { messages: [{ role: 'user', content: [] }] },
      "Invalid 'messages[0].content': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'messages[0].content',
      'empty_array',
    ],
    [
      'image in a system message',
      { messages: [{ role: 'system', content: [{ type: 'image_url', image_url: { url: 'x' } }] }] },
      "Invalid value: 'image_url'. Supported values are: 'text'.",
      'messages[0].content[0].type',
      'invalid_value',
    ],
    [
      'text part without text',
      { messages: [{ role: 'user', content: [{ type: 'text' }] }] },
      "'messages[0].content[0].text' is a required property",
      'messages[0].content[0].text',
      'missing_required_parameter',
    ],
    [
      'image part without url',
      { messages: [{ role: 'user', content: [{ type: 'image_url', image_url: {} }] }] },
      "'messages[0].content[0].image_url.url' is a required property",
      'messages[0].content[0].image_url.url',
      'missing_required_parameter',
    ],
    [
      'tool message without tool_call_id',
      { messages: [{ role: 'tool', content: 'x' }] },
      "'messages[0].tool_call_id' is a required property",
      'messages[0].tool_call_id',
      'missing_required_parameter',
    ],
    [
      'tool call without arguments',
      {
        messages: [
          {
            role: 'assistant',
            tool_calls: [{ id: 'c', type: 'function', function: { name: 'f' } }],
          },
        ],
      },
      "'messages[0].tool_calls[0].function.arguments' is a required property",
      'messages[0].tool_calls[0].function.arguments',
      'missing_required_parameter',
    ],
    [
      'temperature as a string',
      { temperature: '0.5' },
      "Invalid type for 'temperature': expected a number, but got a string.",
      'temperature',
      'invalid_type',
    ],
    [
      'temperature above 2',
      { temperature: 2.5 },
      "Invalid 'temperature': decimal above maximum value. Expected a value <= 2, but got 2.5 instead.",
      'temperature',
      'decimal_above_max_value',
    ],
    [
      'negative temperature',
      { temperature: -0.1 },
      "Invalid 'temperature': decimal below minimum value. Expected a value >= 0, but got -0.1 instead.",
      'temperature',
      'decimal_below_min_value',
    ],
    [
      'top_p above 1',
      { top_p: 1.5 },
      "Invalid 'top_p': decimal above maximum value. Expected a value <= 1, but got 1.5 instead.",
      'top_p',
      'decimal_above_max_value',
    ],
    [
      'n of 0',
      { n: 0 },
      "Invalid 'n': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      'n',
      'integer_below_min_value',
    ],
    [
      'fractional n',
      { n: 1.5 },
      "Invalid type for 'n': expected an integer, but got a number.",
      'n',
      'invalid_type',
    ],
    [
      'max_tokens of 0',
      { max_tokens: 0 },
      "Invalid 'max_tokens': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      'max_tokens',
      'integer_below_min_value',
    ],
    [
      'negative max_completion_tokens',
      { max_completion_tokens: -5 },
      "Invalid 'max_completion_tokens': integer below minimum value. Expected a value >= 1, but got -5 instead.",
      'max_completion_tokens',
      'integer_below_min_value',
    ],
    [
      'stream as a string',
      { stream: 'true' },
      "Invalid type for 'stream': expected a boolean, but got a string.",
      'stream',
      'invalid_type',
    ],
    [
      'stream_options not an object',
      { stream_options: true },
      "Invalid type for 'stream_options': expected an object, but got a boolean.",
      'stream_options',
      'invalid_type',
    ],
    [
      'include_usage as a string',
      { stream_options: { include_usage: 'yes' } },
      "Invalid type for 'stream_options.include_usage': expected a boolean, but got a string.",
      'stream_options.include_usage',
      'invalid_type',
    ],
    [
      'five stop sequences',
      { stop: ['a', 'b', 'c', 'd', 'e'] },
      "Invalid 'stop': array too long. Expected an array with maximum length 4, but got an array with length 5 instead.",
      'stop',
      'array_above_max_length',
    ],
    [
      'numeric stop sequence',
      { stop: ['a', 1] },
      "Invalid type for 'stop[1]': expected a string, but got a number.",
      'stop[1]',
      'invalid_type',
    ],
    [
      'tools not an array',
      { tools: {} },
      "Invalid type for 'tools': expected an array, but got an object.",
      'tools',
      'invalid_type',
    ],
    [
      'empty tools',
      { tools: [] },
      "Invalid 'tools': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'tools',
      'empty_array',
    ],
    [
      'tool of unknown type',
      { tools: [{ type: 'magic' }] },
      "Invalid value: 'magic'. Supported values are: 'function' and 'custom'.",
      'tools[0].type',
      'invalid_value',
    ],
    [
      'function tool without function',
      { tools: [{ type: 'function' }] },
      "'tools[0].function' is a required property",
      'tools[0].function',
      'missing_required_parameter',
    ],
    [
      'function without a name',
      { tools: [{ type: 'function', function: { description: 'x' } }] },
      "'tools[0].function.name' is a required property",
      'tools[0].function.name',
      'missing_required_parameter',
    ],
    [
      'function name with spaces',
      { tools: [{ type: 'function', function: { name: 'get weather' } }] },
      "Invalid 'tools[0].function.name': string does not match pattern. Expected a string that matches the pattern '^[a-zA-Z0-9_-]{1,64}$'.",
      'tools[0].function.name',
      'invalid_value',
    ],
    [
      'parameters not an object',
      { tools: [{ type: 'function', function: { name: 'f', parameters: 'x' } }] },
      "Invalid type for 'tools[0].function.parameters': expected an object, but got a string.",
      'tools[0].function.parameters',
      'invalid_type',
    ],
    [
      'unknown tool_choice',
      { tool_choice: 'always' },
      "Invalid value: 'always'. Supported values are: 'none', 'auto', and 'required'.",
      'tool_choice',
      'invalid_value',
    ],
  ])('rejects %s', (_case, extra, message, param, code) => {
    expect(errorOf(parseChatCompletionRequest(chat(extra)))).toEqual({ message, param, code });
  });
});

describe('parseCompletionRequest', () => {
  it.each([['Say this is a test'], [''], [['one', 'two']], [[1, 2, 3]], [[[1, 2], [3]]]])(
    'accepts the prompt %p',
    (prompt) => {
      expect(
        parseCompletionRequest({ model: 'gpt-3.5-turbo-instruct', prompt, echo: true, logprobs: 2 })
          .ok,
      ).toBe(true);
    },
  );

  it.each<[unknown, string, string]>([
    [undefined, "'prompt' is a required property", 'prompt'],
    [
      [],
      "Invalid 'prompt': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'prompt',
    ],
    [
      { text: 'x' },
      "Invalid type for 'prompt': expected a string, an array of strings, an array of integers, or an array of integer arrays, but got an object.",
      'prompt',
    ],
  ])('rejects the prompt %p', (prompt, message, param) => {
    expect(errorOf(parseCompletionRequest({ model: 'm', prompt }))).toMatchObject({
      message,
      param,
    });
  });

  it('checks the completion-only fields', () => {
    expect(errorOf(parseCompletionRequest({ model: 'm', prompt: 'x', logprobs: 6 }))).toEqual({
      message:
        "Invalid 'logprobs': integer above maximum value. Expected a value <= 5, but got 6 instead.",
      param: 'logprobs',
      code: 'integer_above_max_value',
    });
    expect(errorOf(parseCompletionRequest({ model: 'm', prompt: 'x', echo: 1 }))).toMatchObject({
      param: 'echo',
    });
  });
});

describe('parseEmbeddingsRequest', () => {
  it.each([['some text'], [['a', 'b']], [[101, 202]], [[[1], [2, 3]]]])(
    'accepts the input %p',
    (input) => {
      expect(
        parseEmbeddingsRequest({
          model: 'text-embedding-3-small',
          input,
          encoding_format: 'base64',
          dimensions: 256,
        }).ok,
      ).toBe(true);
    },
  );

  it.each<[Record<string, unknown>, string, string]>([
    [{ input: undefined }, "'input' is a required property", 'input'],
    [
      { input: '' },
      "Invalid 'input': empty string. Expected a string with minimum length 1, but got an empty string instead.",
      'input',
    ],
    [
      { input: [] },
      "Invalid 'input': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'input',
    ],
    [
      { input: ['ok', ''] },
      "Invalid 'input[1]': empty string. Expected a string with minimum length 1, but got an empty string instead.",
      'input[1]',
    ],
    [
      { input: [[1], []] },
      "Invalid 'input[1]': empty array. Expected an array with minimum length 1, but got an empty array instead.",
      'input[1]',
    ],
    [
      { input: ['a', 1] },
      "Invalid type for 'input[1]': expected a string, but got a number.",
      'input[1]',
    ],
    [
      { input: [1, -2] },
      "Invalid 'input[1]': integer below minimum value. Expected a value >= 0, but got -2 instead.",
      'input[1]',
    ],
    [
      { input: [[1], [2, 'x']] },
      "Invalid type for 'input[1][1]': expected an integer, but got a string.",
      'input[1][1]',
    ],
    [
      { input: [{}] },
      "Invalid type for 'input[0]': expected an array of integers, but got an object.",
      'input[0]',
    ],
    [
      { input: 'x', encoding_format: 'binary' },
      "Invalid value: 'binary'. Supported values are: 'float' and 'base64'.",
      'encoding_format',
    ],
    [
      { input: 'x', dimensions: 0 },
      "Invalid 'dimensions': integer below minimum value. Expected a value >= 1, but got 0 instead.",
      'dimensions',
    ],
    [
      { input: 'x', dimensions: '256' },
      "Invalid type for 'dimensions': expected an integer, but got a string.",
      'dimensions',
    ],
  ])('rejects %p', (extra, message, param) => {
    expect(
      errorOf(parseEmbeddingsRequest({ model: 'text-embedding-3-small', ...extra })),
    ).toMatchObject({ message, param });
  });
});
