import { countChatPromptTokens, countTokens, countToolsTokens } from '../../fixtures/index.js';
import type { ConversationView } from '../../fixtures/scripted/index.js';
import { chatErrors } from './errors.js';
import type { ChatRequest } from './request.js';

export interface PromptTokens {
  messages: number;
  /** The tool definitions' share (the API reports it as "in the functions"). */
  tools: number;
  total: number;
}

/**
 * Prompt tokens as the API bills them: messages with their per-message overhead, tool definitions, and a
 * structured-output schema (which the API adds to the prompt).
 */
export function countPrompt(req: ChatRequest, view: ConversationView): PromptTokens {
  let messages = countChatPromptTokens(req.messages, req.model);
  if (view.responseFormat.type === 'json_schema')
    messages += countTokens(JSON.stringify(view.responseFormat.schema ?? {}), req.model);
  const tools = req.tools.length ? countToolsTokens(req.tools, req.model) : 0;
  return { messages, tools, total: messages + tools };
}

/** 400 `context_length_exceeded` when the prompt, or the prompt plus the requested completion, does not fit. */
export function checkContextWindow(req: ChatRequest, prompt: PromptTokens): void {
  const limit = req.info.contextWindow;
  if (limit === undefined) return;
  const split = (extra: string) =>
    prompt.tools
      ? `${prompt.messages} in the messages, ${prompt.tools} in the functions${extra}`
      : `${prompt.messages} in the messages${extra}`;
  if (req.maxTokens !== undefined && prompt.total + req.maxTokens > limit) {
    throw chatErrors.contextLength(
      limit,
      `However, you requested ${prompt.total + req.maxTokens} tokens (${split(`, ${req.maxTokens} in the completion`)}). Please reduce the length of the messages or completion.`,
    );
  }
  if (prompt.total > limit) {
    const detail = prompt.tools ? ` (${split('')})` : '';
    throw chatErrors.contextLength(
      limit,
      `However, your messages resulted in ${prompt.total} tokens${detail}. Please reduce the length of the messages.`,
    );
  }
}
