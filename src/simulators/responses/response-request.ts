/**
 * Reads a `POST /responses` body into what the simulator needs, and answers the mistakes the real API
 * rejects with its own 400s — also when request validation against the document is off, since these are
 * the API's semantic checks (model kind, parameter combinations, strict schemas), not only its schema.
 */
import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { ModelInfo } from '../../engine/models.js';
import { checkStrictSchema } from '../chat/strict-schema.js';
import { responseErrors } from './response-errors.js';
import type { Json } from './response-store.js';

export interface ResponseRequest {
  body: Json;
  model: string;
  info: ModelInfo;
  /** o-series and gpt-5 family: a reasoning item first, hidden reasoning tokens. */
  reasoning: boolean;
  effort: string;
  /** `reasoning.summary` (or the older `generate_summary`): a summary is written when set. */
  summary: string | null;
  instructions: string | null;
  tools: Json[];
  stream: boolean;
  background: boolean;
  store: boolean;
  obfuscate: boolean;
  maxOutputTokens: number | undefined;
  include: Set<string>;
  topLogprobs: number;
  truncation: 'auto' | 'disabled';
  verbosity: string;
}

const REASONING_ID = /^(o\d|gpt-5(?!-chat)|codex)/;
const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

export function readResponseRequest(ctx: RequestContext): ResponseRequest {
  const b: Json = isRecord(ctx.body) ? ctx.body : {};
  // A stored prompt (`prompt: { id }`) carries its own model; we cannot see it, so a common one stands in.
  const model =
    typeof b['model'] === 'string' && b['model'] ? b['model'] : isRecord(b['prompt']) ? 'gpt-4.1' : undefined;
  if (model === undefined) throw responseErrors.missing('model');
  const info = ctx.engine.models.describe(model);
  const reasoning = info.kind === 'reasoning' || REASONING_ID.test(model);
  const r: Json = isRecord(b['reasoning']) ? b['reasoning'] : {};
  if (!reasoning && r['effort'] != null) throw responseErrors.unsupported('reasoning.effort');
  if (reasoning) {
    for (const param of ['temperature', 'top_p'])
      if (b[param] != null && b[param] !== 1) throw responseErrors.unsupported(param);
  }
  const background = b['background'] === true;
  const store = b['store'] !== false;
  if (background && !store) throw responseErrors.backgroundNeedsStore();
  const tools = (Array.isArray(b['tools']) ? b['tools'] : []).filter(isRecord);
  checkTools(tools, b['tool_choice']);
  checkTextFormat(b);
  const streamOptions: Json = isRecord(b['stream_options']) ? b['stream_options'] : {};
  const effort = typeof r['effort'] === 'string' ? r['effort'] : reasoning ? 'medium' : 'none';
  const summary = r['summary'] ?? r['generate_summary'] ?? null;
  return {
    body: b,
    model,
    info,
    reasoning: reasoning && effort !== 'none',
    effort,
    summary: typeof summary === 'string' ? summary : null,
    instructions: typeof b['instructions'] === 'string' ? b['instructions'] : null,
    tools,
    stream: b['stream'] === true,
    background,
    store,
    obfuscate: streamOptions['include_obfuscation'] !== false,
    maxOutputTokens: typeof b['max_output_tokens'] === 'number' ? b['max_output_tokens'] : undefined,
    include: new Set(Array.isArray(b['include']) ? b['include'].filter((s) => typeof s === 'string') : []),
    topLogprobs: typeof b['top_logprobs'] === 'number' ? b['top_logprobs'] : 0,
    truncation: b['truncation'] === 'auto' ? 'auto' : 'disabled',
    verbosity: typeof b['text']?.['verbosity'] === 'string' ? b['text']['verbosity'] : 'medium',
  };
}

/** Strict function schemas are checked as Structured Outputs checks them; a forced tool must be offered. */
function checkTools(tools: Json[], choice: unknown) {
  for (const tool of tools) {
    if (tool['type'] === 'function' && tool['strict'] === true && isRecord(tool['parameters']))
      rewrap(() => checkStrictSchema(tool['parameters'], `function '${tool['name']}'`, false), 'tools');
  }
  if (!isRecord(choice)) return;
  const type = choice['type'];
  if (type === 'allowed_tools' || type === undefined) return;
  const offered = tools.some((t) => {
    if (type === 'function' || type === 'custom') return t['type'] === type && t['name'] === choice['name'];
    if (type === 'mcp') return t['type'] === 'mcp' && t['server_label'] === choice['server_label'];
    return hostedFamily(String(t['type'])) === hostedFamily(String(type));
  });
  if (!offered) throw responseErrors.toolChoiceNotFound(String(type));
}

/** Tool types that name the same hosted tool (`web_search_preview` chooses a `web_search` tool). */
export function hostedFamily(type: string): string {
  if (type.startsWith('web_search')) return 'web_search';
  if (type.startsWith('computer')) return 'computer';
  return type;
}

function checkTextFormat(b: Json) {
  const format = b['text']?.['format'];
  if (!isRecord(format)) return;
  if (format['type'] === 'json_schema' && format['strict'] === true)
    rewrap(
      () => checkStrictSchema(format['schema'], `response_format '${format['name']}'`, true),
      'text.format.schema',
    );
  if (format['type'] === 'json_object') {
    const text = JSON.stringify([b['input'] ?? '', b['instructions'] ?? '']).toLowerCase();
    if (!text.includes('json'))
      throw new OpenAIHttpError(
        400,
        "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
        { param: 'input' },
      );
  }
}

/** The chat room's schema checker words the message; the Responses API names its own parameter. */
function rewrap(check: () => void, param: string) {
  try {
    check();
  } catch (error) {
    if (!(error instanceof OpenAIHttpError)) throw error;
    throw new OpenAIHttpError(error.status, error.body.error.message, { param, code: error.body.error.code });
  }
}
