import type { BatchUsage } from './batch-types.js';

export const emptyUsage = (): BatchUsage => ({
  input_tokens: 0,
  input_tokens_details: { cached_tokens: 0 },
  output_tokens: 0,
  output_tokens_details: { reasoning_tokens: 0 },
  total_tokens: 0,
});

const num = (v: unknown) => (typeof v === 'number' && Number.isFinite(v) ? v : 0);

/**
 * Adds one response's `usage` to the batch's, whichever endpoint's shape it has: chat and completions
 * (`prompt_tokens`, `completion_tokens`), Responses (`input_tokens`, `output_tokens`), embeddings.
 */
export function addUsage(total: BatchUsage, body: unknown): void {
  const usage = (body as { usage?: Record<string, any> } | null)?.usage;
  if (!usage || typeof usage !== 'object') return;
  const input = num(usage['input_tokens'] ?? usage['prompt_tokens']);
  const output = num(usage['output_tokens'] ?? usage['completion_tokens']);
  const cached = num((usage['input_tokens_details'] ?? usage['prompt_tokens_details'])?.['cached_tokens']);
  const reasoning = num(
    (usage['output_tokens_details'] ?? usage['completion_tokens_details'])?.['reasoning_tokens'],
  );
  total.input_tokens += input;
  total.output_tokens += output;
  total.input_tokens_details.cached_tokens += cached;
  total.output_tokens_details.reasoning_tokens += reasoning;
  total.total_tokens += num(usage['total_tokens']) || input + output;
}
