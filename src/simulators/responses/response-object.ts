/**
 * The Response object: every field the real API returns, echoing the request with the API's defaults
 * filled in (tools normalized, `text.format` defaulting to text, sampling defaults of 1), then the output,
 * status and usage once the turn is done.
 */
import type { ResponseRequest } from './response-request.js';
import type { Json } from './response-store.js';
import type { TurnHistory } from './turn-history.js';

export function responseSkeleton(
  req: ResponseRequest,
  id: string,
  createdAt: number,
  history: TurnHistory,
): Json {
  const b = req.body;
  const orNull = (v: unknown) => (v === undefined ? null : v);
  const tier = b['service_tier'];
  const response: Json = {
    id,
    object: 'response',
    created_at: createdAt,
    status: req.background ? 'queued' : 'in_progress',
    background: req.background,
    completed_at: null,
    conversation: history.conversationId ? { id: history.conversationId } : null,
    error: null,
    incomplete_details: null,
    instructions: req.instructions,
    max_output_tokens: req.maxOutputTokens ?? null,
    max_tool_calls: orNull(b['max_tool_calls']),
    model: req.model,
    output: [],
    parallel_tool_calls: b['parallel_tool_calls'] !== false,
    previous_response_id: history.previousResponseId,
    prompt_cache_key: orNull(b['prompt_cache_key']),
    reasoning: { effort: req.reasoning ? req.effort : null, summary: req.reasoning ? req.summary : null },
    safety_identifier: orNull(b['safety_identifier']),
    service_tier: tier === 'flex' || tier === 'priority' || tier === 'scale' ? tier : 'default',
    store: req.store,
    temperature: typeof b['temperature'] === 'number' ? b['temperature'] : 1,
    text: { format: b['text']?.['format'] ?? { type: 'text' }, verbosity: req.verbosity },
    tool_choice: b['tool_choice'] ?? 'auto',
    tools: req.tools.map(normalizeTool),
    top_logprobs: req.topLogprobs,
    top_p: typeof b['top_p'] === 'number' ? b['top_p'] : 1,
    truncation: req.truncation,
    // The real API sends `"user": null` when no user was given (an erratum lets the document agree).
    user: typeof b['user'] === 'string' ? b['user'] : null,
    metadata: b['metadata'] && typeof b['metadata'] === 'object' ? b['metadata'] : {},
  };
  if (b['prompt'] && typeof b['prompt'] === 'object') response['prompt'] = b['prompt'];
  return response;
}

/** Function tools come back with `strict` (true by default in this API) and `description` filled in. */
function normalizeTool(tool: Json): Json {
  if (tool['type'] !== 'function') return tool;
  return {
    ...tool,
    description: typeof tool['description'] === 'string' ? tool['description'] : null,
    parameters: tool['parameters'] ?? null,
    strict: typeof tool['strict'] === 'boolean' ? tool['strict'] : true,
  };
}

export function finalResponse(
  skeleton: Json,
  output: Json[],
  usage: Json,
  incomplete: boolean,
  completedAt: number,
): Json {
  return {
    ...skeleton,
    status: incomplete ? 'incomplete' : 'completed',
    completed_at: incomplete ? null : completedAt,
    incomplete_details: incomplete ? { reason: 'max_output_tokens' } : null,
    output,
    usage,
  };
}

/**
 * The response as a lifecycle event or a poll shows it before its output exists. The real API sends
 * `usage: null` here; the document types `usage` as an object, so it is left out instead.
 */
export function pendingResponse(final: Json, status: 'queued' | 'in_progress' | 'cancelled'): Json {
  const { usage: _usage, ...rest } = final;
  return { ...rest, status, completed_at: null, incomplete_details: null, error: null, output: [] };
}
