import { OpenAIHttpError } from '../../engine/errors.js';

/** The real API's answers to chat-completion mistakes, worded as it words them. */
export const chatErrors = {
  missingModel: () => new OpenAIHttpError(400, 'you must provide a model parameter'),
  missing: (param: string) =>
    new OpenAIHttpError(400, `Missing required parameter: '${param}'.`, {
      param,
      code: 'missing_required_parameter',
    }),
  emptyArray: (param: string) =>
    new OpenAIHttpError(
      400,
      `Invalid '${param}': empty array. Expected an array with minimum length 1, but got an empty array instead.`,
      {
        param,
        code: 'empty_array',
      },
    ),
  invalidType: (param: string, expected: string, got: unknown) =>
    new OpenAIHttpError(
      400,
      `Invalid type for '${param}': expected ${expected}, but got ${describe(got)} instead.`,
      {
        param,
        code: 'invalid_type',
      },
    ),
  invalidValue: (param: string, value: unknown, supported: readonly string[]) =>
    new OpenAIHttpError(
      400,
      `Invalid value: '${String(value)}'. Supported values are: ${listOf(supported)}.`,
      {
        param,
        code: 'invalid_value',
      },
    ),
  outOfRange: (param: string, value: number, min: number, max: number, integer: boolean) => {
    const kind = integer ? 'integer' : 'decimal';
    const [side, bound, sign] = value < min ? ['below minimum', min, '>='] : ['above maximum', max, '<='];
    return new OpenAIHttpError(
      400,
      `Invalid '${param}': ${kind} ${side} value. Expected a value ${sign} ${bound}, but got ${value} instead.`,
      {
        param,
        code: `${kind}_${value < min ? 'below_min' : 'above_max'}_value`,
      },
    );
  },
  maxTokensTooLarge: (param: string, value: number, limit: number) =>
    new OpenAIHttpError(
      400,
      `${param} is too large: ${value}. This model supports at most ${limit} completion tokens, whereas you provided ${value}.`,
      {
        param,
        code: 'invalid_value',
      },
    ),
  unsupportedParameter: (param: string, instead?: string) =>
    new OpenAIHttpError(
      400,
      `Unsupported parameter: '${param}' is not supported with this model.${instead ? ` Use '${instead}' instead.` : ''}`,
      {
        param,
        code: 'unsupported_parameter',
      },
    ),
  unsupportedValue: (param: string, value: unknown, only: string) =>
    new OpenAIHttpError(
      400,
      `Unsupported value: '${param}' does not support ${String(value)} with this model. Only the default (${only}) value is supported.`,
      {
        param,
        code: 'unsupported_value',
      },
    ),
  onlyWithTools: (param: string) =>
    new OpenAIHttpError(
      400,
      `Invalid value for '${param}': '${param}' is only allowed when 'tools' are specified.`,
      { param },
    ),
  onlyWithStream: () =>
    new OpenAIHttpError(400, "The 'stream_options' parameter is only allowed when 'stream' is enabled.", {
      param: 'stream_options',
    }),
  topLogprobsNeedsLogprobs: () =>
    new OpenAIHttpError(
      400,
      "Invalid value for 'top_logprobs': 'logprobs' must be set to true when 'top_logprobs' is used.",
      {
        param: 'top_logprobs',
      },
    ),
  unknownToolChoice: (name: string) =>
    new OpenAIHttpError(
      400,
      `Invalid value for 'tool_choice': tool '${name}' is not one of the tools given in 'tools'.`,
      { param: 'tool_choice' },
    ),
  toolWithoutCall: (index: number) =>
    new OpenAIHttpError(
      400,
      "Invalid parameter: messages with role 'tool' must be a response to a preceeding message with 'tool_calls'.",
      {
        param: `messages.[${index}].role`,
      },
    ),
  callsWithoutResults: (index: number, ids: string[]) =>
    new OpenAIHttpError(
      400,
      `An assistant message with 'tool_calls' must be followed by tool messages responding to each 'tool_call_id'. The following tool_call_ids did not have response messages: ${ids.join(', ')}`,
      { param: `messages.[${index}].role` },
    ),
  jsonWordMissing: () =>
    new OpenAIHttpError(
      400,
      "'messages' must contain the word 'json' in some form, to use 'response_format' of type 'json_object'.",
      {
        param: 'messages',
      },
    ),
  contextLength: (limit: number, detail: string) =>
    new OpenAIHttpError(400, `This model's maximum context length is ${limit} tokens. ${detail}`, {
      param: 'messages',
      code: 'context_length_exceeded',
    }),
  /** A strict schema over Structured Outputs' size limits (nesting, properties, enum values). */
  schemaLimit: (where: string, reason: string) =>
    new OpenAIHttpError(400, `Invalid schema for ${where}: ${reason}`, {
      param: where.startsWith('function') ? 'tools' : 'response_format',
      code: 'invalid_json_schema',
    }),
  invalidSchema: (where: string, context: string, reason: string) =>
    new OpenAIHttpError(400, `Invalid schema for ${where}: In context=(${context}), ${reason}`, {
      param: where.startsWith('function') ? 'tools' : 'response_format',
      code: 'invalid_json_schema',
    }),
};

function describe(value: unknown): string {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'object') return 'an object';
  if (typeof value === 'string') return 'a string';
  if (typeof value === 'boolean') return 'a boolean';
  return typeof value === 'number' ? (Number.isInteger(value) ? 'an integer' : 'a decimal') : typeof value;
}

function listOf(values: readonly string[]): string {
  const quoted = values.map((v) => `'${v}'`);
  return quoted.length < 2
    ? quoted.join('')
    : `${quoted.slice(0, -1).join(', ')}, and ${quoted[quoted.length - 1]}`;
}
