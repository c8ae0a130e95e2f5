import { chatErrors } from './errors.js';

const ROLES = ['system', 'assistant', 'user', 'function', 'tool', 'developer'] as const;

type Message = Record<string, unknown>;

/**
 * What the API checks of `messages` beyond their schema: known roles, and the tool-call protocol — every
 * tool message answers a call of the assistant message before it, and every call gets its answer before
 * the conversation goes on.
 */
export function checkMessages(messages: unknown): Message[] {
  if (messages === undefined) throw chatErrors.missing('messages');
  if (!Array.isArray(messages)) throw chatErrors.invalidType('messages', 'an array', messages);
  if (messages.length === 0) throw chatErrors.emptyArray('messages');
  for (const [i, m] of messages.entries()) {
    if (!m || typeof m !== 'object' || Array.isArray(m))
      throw chatErrors.invalidType(`messages[${i}]`, 'an object', m);
    const role = (m as Message)['role'];
    if (role === undefined) throw chatErrors.missing(`messages[${i}].role`);
    if (!ROLES.includes(role as (typeof ROLES)[number]))
      throw chatErrors.invalidValue(`messages[${i}].role`, role, ROLES);
  }
  checkToolProtocol(messages as Message[]);
  return messages as Message[];
}

function checkToolProtocol(messages: Message[]) {
  let open: { index: number; ids: Set<string> } | undefined;
  for (const [i, m] of messages.entries()) {
    if (m['role'] === 'tool') {
      const id = m['tool_call_id'];
      if (!open || typeof id !== 'string' || !open.ids.has(id)) throw chatErrors.toolWithoutCall(i);
      open.ids.delete(id);
      continue;
    }
    if (open && open.ids.size > 0) throw chatErrors.callsWithoutResults(open.index, [...open.ids]);
    open = undefined;
    const calls = m['role'] === 'assistant' && Array.isArray(m['tool_calls']) ? m['tool_calls'] : [];
    const ids = calls
      .map((c) => (c && typeof c === 'object' ? (c as Message)['id'] : undefined))
      .filter((id): id is string => typeof id === 'string');
    if (ids.length) open = { index: i, ids: new Set(ids) };
  }
  // A conversation may end right after the calls only if their results follow; the last turn is the caller's.
  if (open && open.ids.size > 0) throw chatErrors.callsWithoutResults(open.index, [...open.ids]);
}
