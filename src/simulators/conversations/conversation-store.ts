import type { EngineCore } from '../../engine/context.js';
import { responseErrors } from '../responses/response-errors.js';
import { indexItems, type Json } from '../responses/response-store.js';

/** A conversation as stored: the API object and its items, oldest first. */
export interface StoredConversation {
  conversation: { id: string; object: 'conversation'; created_at: number; metadata: Record<string, string> };
  items: Json[];
}

export const CONVERSATION_STORE = 'conversations';

export const conversationStore = (engine: EngineCore) =>
  engine.stores.store<StoredConversation>(CONVERSATION_STORE);

/** `conversation` on a create request: an id, or `{ id }`. */
export function conversationIdOf(value: unknown): string | undefined {
  if (typeof value === 'string') return value;
  if (value && typeof value === 'object' && typeof (value as Json)['id'] === 'string')
    return (value as Json)['id'];
  return undefined;
}

export async function requireConversation(
  engine: EngineCore,
  id: string,
  param: string | null = null,
): Promise<StoredConversation> {
  const stored = await conversationStore(engine).get(id);
  if (!stored) throw responseErrors.conversationNotFound(id, param);
  return stored;
}

/**
 * Appends items (a response's input and output, or items added directly). Read-modify-write on the
 * record; the conversation may have been deleted meanwhile (a background response finishing late), in
 * which case nothing is written.
 */
export async function appendConversationItems(
  engine: EngineCore,
  id: string,
  items: readonly Json[],
): Promise<void> {
  const store = conversationStore(engine);
  const stored = await store.get(id);
  if (!stored) return;
  await store.set(id, { ...stored, items: [...stored.items, ...items] });
  await indexItems(engine, items);
}
