/**
 * Reading a legacy `POST /completions` request with the API's own 400s: the prompt in its four shapes
 * (a string, strings, a token array, token arrays), `max_tokens` (16 when not given), `n` / `best_of`,
 * `stop`, `echo`, `suffix`, integer `logprobs`, and the model's context window.
 */

import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { ModelInfo } from '../../engine/models.js';
import { countTokens, decodeTokens } from '../../fixtures/index.js';
import { chatErrors } from '../chat/errors.js';

export interface CompletionPrompt {
  text: string;
  tokens: number;
}

export interface CompletionRequest {
  body: Record<string, unknown>;
  model: string;
  info: ModelInfo | undefined;
  prompts: CompletionPrompt[];
  suffix: string | null;
  maxTokens: number;
  n: number;
  bestOf: number;
  stop: string[];
  echo: boolean;
  /** How many alternatives per token (0–5); null: no logprobs. */
  logprobs: number | null;
  stream: boolean;
  includeUsage: boolean;
}

const DEFAULT_MAX_TOKENS = 16;
/** What an absent prompt means: the model starts from a new document. */
const END_OF_TEXT: CompletionPrompt = { text: '<|endoftext|>', tokens: 1 };

const invalidPrompt = () =>
  new OpenAIHttpError(
    400,
    "'$.prompt' is invalid. Please check the API reference: https://platform.openai.com/docs/api-reference.",
    { param: 'prompt' },
  );

export function readCompletionRequest(ctx: RequestContext): CompletionRequest {
  const raw = ctx.body;
  if (!raw || typeof raw !== 'object' || Array.isArray(raw)) throw chatErrors.missingModel();
  const b = raw as Record<string, unknown>;
  if (typeof b['model'] !== 'string' || !b['model']) throw chatErrors.missingModel();
  const model = b['model'];
  const info = ctx.engine.models.find(model);

  checkRange(b, 'temperature', 0, 2, false);
  checkRange(b, 'top_p', 0, 1, false);
  checkRange(b, 'frequency_penalty', -2, 2, false);
  checkRange(b, 'presence_penalty', -2, 2, false);
  checkRange(b, 'n', 1, 128, true);
  checkRange(b, 'best_of', 0, 20, true);
  checkRange(b, 'logprobs', 0, 5, true);
  checkRange(b, 'max_tokens', 0, Number.MAX_SAFE_INTEGER, true);

  const n = typeof b['n'] === 'number' ? b['n'] : 1;
  const bestOf = typeof b['best_of'] === 'number' ? b['best_of'] : n;
  if (bestOf < n)
    throw new OpenAIHttpError(
      400,
      `best_of must be greater than or equal to n, got best_of=${bestOf} and n=${n}.`,
      {
        param: 'best_of',
      },
    );
  const stream = b['stream'] === true;
  // best_of picks among finished candidates, so it cannot stream.
  if (stream && typeof b['best_of'] === 'number' && b['best_of'] > 1)
    throw new OpenAIHttpError(400, 'Cannot stream results with best_of greater than 1.', {
      param: 'best_of',
    });
  if (b['stream_options'] != null && !stream) throw chatErrors.onlyWithStream();
  if (b['suffix'] != null && typeof b['suffix'] !== 'string')
    throw chatErrors.invalidType('suffix', 'a string', b['suffix']);

  const prompts = readPrompts(b['prompt'], model);
  const suffix = typeof b['suffix'] === 'string' && b['suffix'] !== '' ? b['suffix'] : null;
  const suffixTokens = suffix ? countTokens(suffix, model) : 0;
  const maxTokens = typeof b['max_tokens'] === 'number' ? b['max_tokens'] : DEFAULT_MAX_TOKENS;
  const limit = info?.contextWindow;
  if (limit !== undefined) {
    for (const prompt of prompts) {
      const promptTokens = prompt.tokens + suffixTokens;
      if (promptTokens + maxTokens > limit)
        throw new OpenAIHttpError(
          400,
          `This model's maximum context length is ${limit} tokens, however you requested ${promptTokens + maxTokens} tokens (${promptTokens} in your prompt; ${maxTokens} for the completion). Please reduce your prompt; or completion length.`,
          { code: 'context_length_exceeded' },
        );
    }
  }

  const streamOptions = (b['stream_options'] ?? {}) as Record<string, unknown>;
  return {
    body: b,
    model,
    info,
    prompts,
    suffix,
    maxTokens,
    n,
    bestOf,
    stop: readStop(b['stop']),
    echo: b['echo'] === true,
    logprobs: typeof b['logprobs'] === 'number' ? b['logprobs'] : null,
    stream,
    includeUsage: streamOptions['include_usage'] === true,
  };
}

function readPrompts(raw: unknown, model: string): CompletionPrompt[] {
  if (raw === undefined || raw === null) return [END_OF_TEXT];
  if (typeof raw === 'string') return [textPrompt(raw, model)];
  if (!Array.isArray(raw)) throw invalidPrompt();
  if (raw.length === 0) throw chatErrors.emptyArray('prompt');
  if (raw.every((x) => typeof x === 'number')) return [tokenPrompt(raw as number[], model)];
  return raw.map((item) => {
    if (typeof item === 'string') return textPrompt(item, model);
    if (Array.isArray(item) && item.length > 0 && item.every((x) => typeof x === 'number'))
      return tokenPrompt(item, model);
    throw invalidPrompt();
  });
}

const textPrompt = (text: string, model: string): CompletionPrompt => ({
  text,
  tokens: countTokens(text, model),
});

function tokenPrompt(tokens: number[], model: string): CompletionPrompt {
  if (!tokens.every((t) => Number.isInteger(t) && t >= 0)) throw invalidPrompt();
  try {
    return { text: decodeTokens(tokens, model), tokens: tokens.length };
  } catch {
    throw new OpenAIHttpError(400, "Invalid 'prompt': token ids must be valid for the model's encoding.", {
      param: 'prompt',
      code: 'invalid_value',
    });
  }
}

function readStop(raw: unknown): string[] {
  if (typeof raw === 'string') return raw === '' ? [] : [raw];
  if (Array.isArray(raw)) return raw.filter((s): s is string => typeof s === 'string' && s !== '');
  return [];
}

function checkRange(b: Record<string, unknown>, param: string, min: number, max: number, integer: boolean) {
  const v = b[param];
  if (v == null) return;
  if (typeof v !== 'number' || (integer && !Number.isInteger(v)))
    throw chatErrors.invalidType(param, integer ? 'an integer' : 'a number', v);
  if (v < min || v > max) throw chatErrors.outOfRange(param, v, min, max, integer);
}
