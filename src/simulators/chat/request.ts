/**
 * Reads a chat-completion request into what the simulator needs, and answers the mistakes the real API
 * rejects with its own 400s — also when request validation against the document is off, since these are
 * the API's semantic checks (model kind, limits, parameter combinations), not only its schema.
 */

import type { RequestContext } from '../../engine/context.js';
import type { ModelInfo } from '../../engine/models.js';
import type { ChatMessageLike } from '../../fixtures/index.js';
import { chatErrors } from './errors.js';
import { checkMessages } from './message-checks.js';
import { checkStrictSchema } from './strict-schema.js';

export interface ChatRequest {
  body: Record<string, unknown>;
  model: string;
  info: ModelInfo;
  /** o-series and gpt-5 family: hidden reasoning tokens, and their parameter restrictions. */
  reasoning: boolean;
  reasoningEffort: string;
  messages: ChatMessageLike[];
  /** The `tools` (or legacy `functions`) as sent, for token counting. */
  tools: unknown[];
  n: number;
  stream: boolean;
  includeUsage: boolean;
  obfuscate: boolean;
  /** `max_completion_tokens` or `max_tokens`. */
  maxTokens: number | undefined;
  stop: string[];
  logprobs: boolean;
  topLogprobs: number;
  store: boolean;
  metadata: Record<string, string> | null;
  serviceTier: string;
}

const REASONING_ID = /^(o\d|gpt-5(?!-chat)|codex)/;

export function readChatRequest(ctx: RequestContext): ChatRequest {
  const body = ctx.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) throw chatErrors.missingModel();
  const b = body as Record<string, unknown>;
  if (typeof b['model'] !== 'string' || !b['model']) throw chatErrors.missingModel();
  const model = b['model'];
  const messages = checkMessages(b['messages']) as ChatMessageLike[];
  const info = ctx.engine.models.describe(model);
  const reasoning = info.kind === 'reasoning' || REASONING_ID.test(model);

  checkRange(b, 'temperature', 0, 2, false);
  checkRange(b, 'top_p', 0, 1, false);
  checkRange(b, 'frequency_penalty', -2, 2, false);
  checkRange(b, 'presence_penalty', -2, 2, false);
  checkRange(b, 'n', 1, 128, true);
  checkRange(b, 'top_logprobs', 0, 20, true);
  checkRange(b, 'max_tokens', 1, Number.MAX_SAFE_INTEGER, true);
  checkRange(b, 'max_completion_tokens', 1, Number.MAX_SAFE_INTEGER, true);
  if (reasoning) checkReasoningParams(b);
  else if (b['reasoning_effort'] != null) throw chatErrors.unsupportedParameter('reasoning_effort');

  const maxParam = b['max_completion_tokens'] != null ? 'max_completion_tokens' : 'max_tokens';
  const maxTokens = b[maxParam] as number | undefined | null;
  const outputLimit = info.maxOutputTokens ?? 16_384;
  if (maxTokens != null && maxTokens > outputLimit)
    throw chatErrors.maxTokensTooLarge(maxParam, maxTokens, outputLimit);

  const stream = b['stream'] === true;
  if (b['stream_options'] != null && !stream) throw chatErrors.onlyWithStream();
  const tools = (
    Array.isArray(b['tools']) ? b['tools'] : Array.isArray(b['functions']) ? b['functions'] : []
  ) as unknown[];
  if (!tools.length && b['tool_choice'] != null) throw chatErrors.onlyWithTools('tool_choice');
  if (!tools.length && b['parallel_tool_calls'] != null)
    throw chatErrors.onlyWithTools('parallel_tool_calls');
  checkTools(tools, b['tool_choice']);
  if (b['top_logprobs'] != null && b['logprobs'] !== true) throw chatErrors.topLogprobsNeedsLogprobs();
  checkResponseFormat(b['response_format'], messages);

  const streamOptions = (b['stream_options'] ?? {}) as Record<string, unknown>;
  const stop =
    typeof b['stop'] === 'string'
      ? [b['stop']]
      : Array.isArray(b['stop'])
        ? b['stop'].filter((s): s is string => typeof s === 'string' && s !== '')
        : [];
  const tier = b['service_tier'];
  return {
    body: b,
    model,
    info,
    reasoning,
    reasoningEffort: typeof b['reasoning_effort'] === 'string' ? b['reasoning_effort'] : 'medium',
    messages,
    tools,
    n: typeof b['n'] === 'number' ? b['n'] : 1,
    stream,
    includeUsage: streamOptions['include_usage'] === true,
    obfuscate: streamOptions['include_obfuscation'] !== false,
    maxTokens: maxTokens ?? undefined,
    stop,
    logprobs: b['logprobs'] === true,
    topLogprobs: typeof b['top_logprobs'] === 'number' ? b['top_logprobs'] : 0,
    store: b['store'] === true,
    metadata:
      b['metadata'] && typeof b['metadata'] === 'object' ? (b['metadata'] as Record<string, string>) : null,
    serviceTier: tier === 'flex' || tier === 'priority' || tier === 'scale' ? tier : 'default',
  };
}

function checkRange(b: Record<string, unknown>, param: string, min: number, max: number, integer: boolean) {
  const v = b[param];
  if (v == null) return;
  if (typeof v !== 'number' || (integer && !Number.isInteger(v)))
    throw chatErrors.invalidType(param, integer ? 'an integer' : 'a number', v);
  if (v < min || v > max) throw chatErrors.outOfRange(param, v, min, max, integer);
}

/** Reasoning models take `max_completion_tokens` and only the default sampling parameters. */
function checkReasoningParams(b: Record<string, unknown>) {
  if (b['max_tokens'] != null) throw chatErrors.unsupportedParameter('max_tokens', 'max_completion_tokens');
  for (const [param, only] of [
    ['temperature', 1],
    ['top_p', 1],
  ] as const) {
    if (b[param] != null && b[param] !== only)
      throw chatErrors.unsupportedValue(param, b[param], String(only));
  }
  for (const param of ['presence_penalty', 'frequency_penalty']) {
    if (b[param] != null && b[param] !== 0) throw chatErrors.unsupportedParameter(param);
  }
  if (b['logprobs'] === true) throw chatErrors.unsupportedParameter('logprobs');
}

function checkTools(tools: unknown[], choice: unknown) {
  const names: string[] = [];
  for (const tool of tools) {
    if (!tool || typeof tool !== 'object') continue;
    const t = tool as Record<string, any>;
    const fn = t['type'] === 'function' ? t['function'] : t['type'] === 'custom' ? t['custom'] : t;
    if (!fn || typeof fn.name !== 'string') continue;
    names.push(fn.name);
    if (fn.strict === true && fn.parameters !== undefined)
      checkStrictSchema(fn.parameters, `function '${fn.name}'`, false);
  }
  if (choice && typeof choice === 'object') {
    const c = choice as Record<string, any>;
    const name = c['function']?.name ?? c['custom']?.name;
    if (typeof name === 'string' && !names.includes(name)) throw chatErrors.unknownToolChoice(name);
  }
}

function checkResponseFormat(format: unknown, messages: ChatMessageLike[]) {
  if (!format || typeof format !== 'object') return;
  const f = format as Record<string, any>;
  if (f['type'] === 'json_object') {
    const mentionsJson = messages.some((m) =>
      JSON.stringify(m.content ?? '')
        .toLowerCase()
        .includes('json'),
    );
    if (!mentionsJson) throw chatErrors.jsonWordMissing();
  }
  const spec = f['json_schema'];
  if (f['type'] === 'json_schema' && spec && spec.strict === true)
    checkStrictSchema(spec.schema, `response_format '${spec.name}'`, true);
}
