/**
 * `max_output_tokens` as the real API applies it: the hidden reasoning tokens spend the allowance first;
 * what is left is written until it runs out, and the item that runs out is cut and marked `incomplete`
 * (the response then ends `incomplete` with `reason: "max_output_tokens"`). Items after it are never written.
 */
import { countTokens, truncateToTokens } from '../../fixtures/index.js';
import type { TurnPlan } from './reply-plan.js';
import type { Json } from './response-store.js';

export function applyOutputLimit(
  plan: TurnPlan,
  limit: number | undefined,
  model: string,
): { incomplete: boolean } {
  if (limit === undefined) return { incomplete: false };
  let budget = limit - plan.reasoningTokens;
  if (budget <= 0) {
    // The reasoning used the whole allowance: nothing visible is written, a classic surprise of reasoning models.
    plan.reasoningTokens = limit;
    plan.output = plan.output.filter((i) => i['type'] === 'reasoning');
    for (const item of plan.output) item['status'] = 'incomplete';
    return { incomplete: true };
  }
  for (const [index, item] of plan.output.entries()) {
    const field = textField(item);
    if (!field) continue;
    const [owner, key] = field;
    const cost = countTokens(String(owner[key] ?? ''), model);
    if (cost <= budget) {
      budget -= cost;
      continue;
    }
    owner[key] = truncateToTokens(String(owner[key]), budget, model);
    if (item['type'] === 'message') {
      // Annotations beyond the cut point no longer have text to point at.
      const end = String(owner[key]).length;
      owner['annotations'] = (owner['annotations'] ?? []).filter(
        (a: Json) => (a['end_index'] ?? a['index'] ?? 0) <= end,
      );
      if (Array.isArray(owner['logprobs']) && owner['logprobs'].length)
        owner['logprobs'] = owner['logprobs'].slice(0, budget);
    }
    item['status'] = 'incomplete';
    plan.output = plan.output.slice(0, index + 1);
    return { incomplete: true };
  }
  return { incomplete: false };
}

/** The object and key holding an item's generated text, if it has one that counts against the limit. */
function textField(item: Json): [Json, string] | undefined {
  switch (item['type']) {
    case 'message': {
      const part = (item['content'] as Json[]).find(
        (p) => p['type'] === 'output_text' || p['type'] === 'refusal',
      );
      return part ? [part, part['type'] === 'refusal' ? 'refusal' : 'text'] : undefined;
    }
    case 'function_call':
    case 'mcp_call':
      return [item, 'arguments'];
    case 'custom_tool_call':
      return [item, 'input'];
    case 'code_interpreter_call':
      return [item, 'code'];
    default:
      return undefined;
  }
}
