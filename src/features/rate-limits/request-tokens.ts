import {
  type ChatMessageLike,
  countChatPromptTokens,
  countContentTokens,
  countTokens,
} from '../../fixtures/core.js';

const isRecord = (v: unknown): v is Record<string, unknown> =>
  !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * The tokens a request is charged against a TPM limit before it runs, as the real API estimates them: the
 * prompt (counted with the model's real tokenizer) plus the completion budget it asks for, times `n`.
 */
export function requestTokens(body: unknown, model: string): number {
  if (!isRecord(body)) return 0;
  return promptTokens(body, model) + completionBudget(body);
}

function promptTokens(body: Record<string, unknown>, model: string): number {
  const messages = body['messages'];
  if (Array.isArray(messages)) {
    const tools = Array.isArray(body['tools']) ? body['tools'] : undefined;
    return countChatPromptTokens(messages.filter(isRecord) as ChatMessageLike[], model, tools);
  }
  let total = typeof body['instructions'] === 'string' ? countTokens(body['instructions'], model) : 0;
  if (body['input'] !== undefined) total += inputTokens(body['input'], model);
  else if (body['prompt'] !== undefined) total += inputTokens(body['prompt'], model);
  return total;
}

/** Embeddings, completions and Responses inputs: text, lists of text, token arrays, or input items. */
function inputTokens(input: unknown, model: string): number {
  if (typeof input === 'string') return countTokens(input, model);
  if (!Array.isArray(input)) return 0;
  // A token array (or a list of them) is already counted.
  if (input.every((x) => typeof x === 'number')) return input.length;
  let total = 0;
  for (const item of input) {
    if (typeof item === 'string') total += countTokens(item, model);
    else if (Array.isArray(item))
      total += item.every((x) => typeof x === 'number') ? item.length : inputTokens(item, model);
    else if (isRecord(item))
      total += countContentTokens(item['content'] ?? item['text'] ?? item['output'] ?? '', model);
  }
  return total;
}

function completionBudget(body: Record<string, unknown>): number {
  const max = [body['max_completion_tokens'], body['max_tokens'], body['max_output_tokens']].find(
    (v): v is number => typeof v === 'number' && v > 0,
  );
  const n = typeof body['n'] === 'number' && body['n'] > 1 ? body['n'] : 1;
  return (max ?? 0) * n;
}
