/**
 * `POST /embeddings`: a string, strings, a token array or token arrays in; unit-length vectors that carry
 * meaning out (see fixtures/embedding-vectors.ts), as floats or base64; real token counts in `usage`; the
 * real API's limits (2048 inputs, 8192 tokens per input, 300k tokens per request) as its 400s.
 */

import type { RequestContext } from '../engine/context.js';
import { OpenAIHttpError } from '../engine/errors.js';
import { json, type OperationHandler } from '../engine/handler.js';
import { embedText, vectorToBase64 } from '../fixtures/embedding-vectors.js';
import { countTokens, decodeTokens } from '../fixtures/index.js';
import { chatErrors } from './chat/errors.js';

const MAX_INPUTS = 2048;
const MAX_INPUT_TOKENS = 8192;
const MAX_REQUEST_TOKENS = 300_000;
/** Models whose output length can be chosen (Matryoshka-trained); ada-002 cannot. */
const SHORTENABLE = /^text-embedding-3-/;

const invalidInput = () =>
  new OpenAIHttpError(
    400,
    "'$.input' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
  );

interface Input {
  text: string;
  tokens: number;
}

function readInputs(raw: unknown, model: string): Input[] {
  if (raw === undefined || raw === null) throw chatErrors.missing('input');
  if (typeof raw === 'string') return [textInput(raw, model)];
  if (!Array.isArray(raw) || raw.length === 0) throw invalidInput();
  if (raw.length > MAX_INPUTS) {
    throw new OpenAIHttpError(
      400,
      `Invalid 'input': array too long. Expected an array with maximum length ${MAX_INPUTS}, but got an array with length ${raw.length} instead.`,
      {
        param: 'input',
        code: 'array_above_max_length',
      },
    );
  }
  if (raw.every((x) => typeof x === 'number')) return [tokenInput(raw as number[], model)];
  return raw.map((item) => {
    if (typeof item === 'string') return textInput(item, model);
    if (Array.isArray(item) && item.length > 0 && item.every((x) => typeof x === 'number'))
      return tokenInput(item, model);
    throw invalidInput();
  });
}

function textInput(text: string, model: string): Input {
  if (text === '') throw invalidInput();
  return { text, tokens: countTokens(text, model) };
}

function tokenInput(tokens: number[], model: string): Input {
  if (!tokens.every((t) => Number.isInteger(t) && t >= 0)) throw invalidInput();
  let text: string;
  try {
    text = decodeTokens(tokens, model);
  } catch {
    throw new OpenAIHttpError(400, `Invalid 'input': token ids must be valid for the model's encoding.`, {
      param: 'input',
      code: 'invalid_value',
    });
  }
  return { text, tokens: tokens.length };
}

function readDimensions(raw: unknown, model: string, full: number): number {
  if (raw === undefined || raw === null) return full;
  if (!SHORTENABLE.test(model))
    throw new OpenAIHttpError(400, 'This model does not support specifying dimensions.', {
      param: 'dimensions',
    });
  if (typeof raw !== 'number' || !Number.isInteger(raw))
    throw chatErrors.invalidType('dimensions', 'an integer', raw);
  if (raw < 1 || raw > full) throw chatErrors.outOfRange('dimensions', raw, 1, full, true);
  return raw;
}

function createEmbedding(ctx: RequestContext) {
  const body = (
    ctx.body && typeof ctx.body === 'object' && !Array.isArray(ctx.body) ? ctx.body : {}
  ) as Record<string, unknown>;
  if (typeof body['model'] !== 'string' || !body['model']) throw chatErrors.missingModel();
  const model = body['model'];
  const info = ctx.engine.models.find(model);
  const format = body['encoding_format'] ?? 'float';
  if (format !== 'float' && format !== 'base64')
    throw chatErrors.invalidValue('encoding_format', format, ['float', 'base64']);
  const dimensions = readDimensions(body['dimensions'], model, info?.dimensions ?? 1536);
  const inputs = readInputs(body['input'], model);
  const limit = Math.max(MAX_INPUT_TOKENS, info?.contextWindow ?? 0);
  for (const [i, input] of inputs.entries()) {
    if (input.tokens > limit)
      throw new OpenAIHttpError(400, `Invalid 'input[${i}]': maximum input length is ${limit} tokens.`, {
        param: 'input',
        code: 'invalid_value',
      });
  }
  const total = inputs.reduce((sum, input) => sum + input.tokens, 0);
  if (total > MAX_REQUEST_TOKENS)
    throw new OpenAIHttpError(
      400,
      `Requested ${total} tokens, max ${MAX_REQUEST_TOKENS} tokens per request`,
      { code: 'max_tokens_per_request' },
    );
  const data = inputs.map((input, index) => {
    const vector = embedText(input.text, dimensions, model);
    return {
      object: 'embedding',
      index,
      embedding: format === 'base64' ? vectorToBase64(vector) : Array.from(vector),
    };
  });
  return json({ object: 'list', data, model, usage: { prompt_tokens: total, total_tokens: total } });
}

export const embeddingHandlers: OperationHandler[] = [
  { operationId: 'createEmbedding', method: 'POST', path: '/embeddings', handle: createEmbedding },
];
