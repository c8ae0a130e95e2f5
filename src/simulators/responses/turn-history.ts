/**
 * What came before a turn: the items of a `previous_response_id` chain (its history, input and output;
 * its instructions are not carried over, as the API documents) or of a conversation.
 */
import type { EngineCore } from '../../engine/context.js';
import { conversationIdOf, requireConversation } from '../conversations/conversation-store.js';
import { responseErrors } from './response-errors.js';
import { findResponse, type Json } from './response-store.js';

export interface TurnHistory {
  items: Json[];
  /** Input tokens the previous turn already sent: a prefix the prompt cache can serve. */
  cachedPrefixTokens: number;
  previousResponseId: string | null;
  conversationId: string | null;
}

export async function loadHistory(engine: EngineCore, body: Json): Promise<TurnHistory> {
  const previous = body['previous_response_id'];
  const conversation = conversationIdOf(body['conversation']);
  if (typeof previous === 'string' && conversation !== undefined) throw responseErrors.exclusive();
  if (typeof previous === 'string') {
    const stored = await findResponse(engine, previous);
    if (!stored) throw responseErrors.previousNotFound(previous);
    return {
      items: [...stored.history, ...stored.input, ...(stored.response['output'] as Json[])],
      cachedPrefixTokens: stored.final['usage']?.['input_tokens'] ?? 0,
      previousResponseId: previous,
      conversationId: null,
    };
  }
  if (conversation !== undefined) {
    const stored = await requireConversation(engine, conversation, 'conversation');
    return {
      items: [...stored.items],
      cachedPrefixTokens: 0,
      previousResponseId: null,
      conversationId: conversation,
    };
  }
  return { items: [], cachedPrefixTokens: 0, previousResponseId: null, conversationId: null };
}
