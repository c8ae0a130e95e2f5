// Token usage in one shape, whatever endpoint reported it. Chat Completions and Embeddings say
// `prompt_tokens` / `completion_tokens`, the Responses API says `input_tokens` / `output_tokens`, and a
// streamed call reports usage only in its last chunk (chat, with `stream_options.include_usage`) or in its
// `response.completed` event (Responses).

export interface TokenUsage {
  inputTokens: number;
  /** Part of `inputTokens` served from the prompt cache (billed at the cached rate). */
  cachedInputTokens: number;
  outputTokens: number;
  /** Part of `outputTokens` spent on reasoning. */
  reasoningTokens: number;
  totalTokens: number;
}

/** What a finished call cost, reported to `hooks.onUsage` and the usage meter. */
export interface UsageRecord {
  model: string;
  /** The request path, e.g. `/chat/completions`. */
  endpoint: string;
  usage: TokenUsage;
  requestId: string | null;
}

/** Reads `usage` from a response body or a streamed item; undefined when it carries none. */
export function extractUsage(value: unknown): { model: string; usage: TokenUsage } | undefined {
  if (!isObject(value)) return undefined;
  // Responses API stream events wrap the response object.
  const host = isObject(value['response']) && typeof value['type'] === 'string' ? value['response'] : value;
  const usage = normalizeUsage(host['usage']);
  const model = host['model'];
  if (!usage || typeof model !== 'string') return undefined;
  return { model, usage };
}

/** Normalizes any of OpenAI's usage objects; undefined for anything else. */
export function normalizeUsage(raw: unknown): TokenUsage | undefined {
  if (!isObject(raw)) return undefined;
  const input = num(raw['input_tokens']) ?? num(raw['prompt_tokens']);
  if (input === undefined) return undefined;
  const output = num(raw['output_tokens']) ?? num(raw['completion_tokens']) ?? 0;
  const inputDetails = raw['input_tokens_details'] ?? raw['prompt_tokens_details'];
  const outputDetails = raw['output_tokens_details'] ?? raw['completion_tokens_details'];
  return {
    inputTokens: input,
    cachedInputTokens: (isObject(inputDetails) && num(inputDetails['cached_tokens'])) || 0,
    outputTokens: output,
    reasoningTokens: (isObject(outputDetails) && num(outputDetails['reasoning_tokens'])) || 0,
    totalTokens: num(raw['total_tokens']) ?? input + output,
  };
}

function num(value: unknown): number | undefined {
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

function isObject(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
