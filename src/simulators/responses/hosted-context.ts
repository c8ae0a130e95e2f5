import type { EngineCore } from '../../engine/context.js';
import { generateReply, promptKeywords, type Random } from '../../fixtures/index.js';
import type { ConversationView } from '../../fixtures/scripted/index.js';
import { itemId } from './input-items.js';
import type { ResponseRequest } from './response-request.js';
import type { Json } from './response-store.js';

/** What a hosted (built-in) tool's simulation sees. */
export interface HostedContext {
  engine: EngineCore;
  random: Random;
  req: ResponseRequest;
  view: ConversationView;
  /** The tool definition from `tools`. */
  tool: Json;
  /** The items before this turn's output (history and input), e.g. to continue a computer-use loop. */
  items: readonly Json[];
}

/** What a hosted tool adds to the output: its call items, then optionally the model's message about them. */
export interface HostedResult {
  items: Json[];
  message?: { text: string; annotations: Json[] };
}

export const newItemId = (h: HostedContext, type: string) =>
  itemId(h.engine, h.random.fork(`id:${type}`), type);

/** The user's question, or the system text when there is none. */
export const promptOf = (h: HostedContext) => h.view.lastUser || h.view.system;

/** Prose about `prompt`, sized in the model's tokens. */
export function prose(h: HostedContext, label: string, targetTokens?: number): string {
  return generateReply({
    prompt: promptOf(h),
    random: h.random.fork(label),
    model: h.req.model,
    ...(targetTokens !== undefined && { targetTokens }),
  });
}

/** What a search would look for: the prompt's keywords, or its first words. */
export function searchQuery(h: HostedContext): string {
  const keywords = promptKeywords(promptOf(h), 4);
  if (keywords.length) return keywords.join(' ');
  return promptOf(h).trim().split(/\s+/).slice(0, 8).join(' ') || 'latest information';
}

/** Sentences of a text, each with its trailing space removed. */
export function sentences(text: string): string[] {
  return text.split(/(?<=[.!?])\s+/).filter(Boolean);
}
