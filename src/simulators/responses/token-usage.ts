/**
 * Token counts for `usage` and `POST /responses/input_tokens`, with the real tokenizer. Input items are
 * counted as the equivalent chat messages (the cookbook's per-message framing), which is how the models
 * see them; function tools cost what they cost in chat.
 */
import { type ChatMessageLike, countChatPromptTokens, countTokens } from '../../fixtures/index.js';
import type { Json } from './response-store.js';

export function countInputTokens(
  model: string,
  instructions: string | null,
  items: readonly Json[],
  tools: readonly unknown[] = [],
): number {
  const messages: ChatMessageLike[] = [];
  if (instructions) messages.push({ role: 'developer', content: instructions });
  for (const item of items) {
    const message = asMessage(item);
    if (message) messages.push(message);
  }
  return countChatPromptTokens(messages, model, [...tools]);
}

function asMessage(item: Json): ChatMessageLike | undefined {
  const type = item['type'] ?? 'message';
  if (type === 'message') return { role: String(item['role'] ?? 'user'), content: item['content'] };
  // Earlier turns' reasoning is dropped from the context, as the API does between turns.
  if (type === 'reasoning') return undefined;
  if (type === 'function_call' || type === 'custom_tool_call' || type === 'mcp_call') {
    const args = String(item['arguments'] ?? item['input'] ?? '');
    return {
      role: 'assistant',
      content: '',
      tool_calls: [{ function: { name: item['name'], arguments: args } }],
    };
  }
  if ('output' in item) {
    const output = item['output'];
    return {
      role: 'tool',
      content: typeof output === 'string' || Array.isArray(output) ? output : JSON.stringify(output),
    };
  }
  // Hosted tool calls (web search, file search, …): what the model wrote into them.
  const { id: _id, status: _status, type: _type, ...rest } = item;
  return { role: 'assistant', content: JSON.stringify(rest) };
}

/** Visible output tokens: message text and refusals, tool-call names and arguments, hosted-call queries and code. */
export function countOutputTokens(model: string, output: readonly Json[]): number {
  let total = 0;
  for (const item of output) {
    switch (item['type']) {
      case 'message':
        for (const part of item['content'] ?? [])
          total += countTokens(String(part['text'] ?? part['refusal'] ?? ''), model);
        break;
      case 'reasoning':
        break; // billed as reasoning tokens
      case 'function_call':
      case 'mcp_call':
        total +=
          countTokens(String(item['name'] ?? ''), model) +
          countTokens(String(item['arguments'] ?? ''), model);
        break;
      case 'custom_tool_call':
        total +=
          countTokens(String(item['name'] ?? ''), model) + countTokens(String(item['input'] ?? ''), model);
        break;
      case 'code_interpreter_call':
        total += countTokens(String(item['code'] ?? ''), model);
        break;
      default: {
        const queries = item['queries'] ?? item['action']?.['queries'] ?? [];
        total +=
          8 +
          (Array.isArray(queries)
            ? queries.reduce((n: number, q: unknown) => n + countTokens(String(q), model), 0)
            : 0);
      }
    }
  }
  return total;
}

/** The usage object; `cachedTokens` is the prompt-cache hit, counted in whole 128-token blocks past 1024. */
export function usageOf(input: number, output: number, reasoning: number, cachedPrefix: number): Json {
  const cached = cachedPrefix >= 1024 ? Math.floor(Math.min(cachedPrefix, input) / 128) * 128 : 0;
  return {
    input_tokens: input,
    // No `cache_write_tokens`: real bodies do not have it (an erratum makes the document agree).
    input_tokens_details: { cached_tokens: cached },
    output_tokens: output + reasoning,
    output_tokens_details: { reasoning_tokens: reasoning },
    total_tokens: input + output + reasoning,
  };
}
