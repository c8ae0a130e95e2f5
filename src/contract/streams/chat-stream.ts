/**
 * The grammar of a chat-completions stream, checked as a whole (each chunk's own shape is
 * `Contract.validateStreamEvent`'s job): one completion id; per choice one role delta first, right before
 * that choice's first content (n > 1 streams role 0, content 0, role 1, content 1, …), `finish_reason`
 * only on its last chunk; tool-call deltas with an `index`, an id and a name before any argument fragment,
 * one call per delta, and arguments that parse as JSON once the call is finished; with two or more calls
 * a role chunk of its own; with logprobs a role chunk carrying empty logprobs (not null); before refusal
 * deltas a role chunk with `content: null, refusal: ""`; the usage chunk (`choices: []`) last; and
 * `[DONE]` at the very end. This is what the real API sends (checked against streams recorded from it). Works on our own streams and on recorded real ones; violations are reported
 * like schema violations (`in: 'event'`, pointer `/<event index>/…`).
 */
import type { Violation } from '../types.js';

interface CallState {
  id?: string;
  name?: string;
  args: string;
  at: number;
  /** Custom tools take free text, not JSON. */
  custom: boolean;
}

interface ChoiceState {
  roleAt?: number;
  /** The role chunk's delta and logprobs, judged once the choice is over. */
  roleDelta?: Record<string, any>;
  roleLogprobs?: unknown;
  loggedAt?: number;
  refusalAt?: number;
  finish?: string;
  finishAt?: number;
  calls: Map<number, CallState>;
}

interface StreamState {
  out: Violation[];
  choices: Map<number, ChoiceState>;
  streamId?: string;
  doneAt?: number;
  usageAt?: number;
  /** A role chunk that carried no content yet: the next chunk must continue that choice. */
  openRole?: { index: number; at: number } | undefined;
}

const violation = (pointer: string, keyword: string, message: string): Violation => ({
  in: 'event',
  pointer,
  keyword,
  message,
});

/** Event data (objects, JSON text or `[DONE]`) or SSE events (`{ data }`), in stream order. */
export function checkChatStream(events: readonly unknown[]): Violation[] {
  const state: StreamState = { out: [], choices: new Map() };
  for (const [i, raw] of events.entries()) checkEvent(unwrap(raw), i, state);
  const { out, choices, doneAt } = state;
  if (doneAt === undefined)
    out.push(violation(`/${events.length}`, 'done-last', 'the stream does not end with data: [DONE]'));
  for (const [index, choice] of choices) {
    if (doneAt !== undefined && choice.finish === undefined)
      out.push(violation(`/${doneAt}`, 'finish', `choice ${index} never sent a finish_reason`));
    checkRoleChunk(index, choice, out);
    if (choice.finish === 'length' || choice.finish === undefined) continue;
    for (const [callIndex, call] of choice.calls) {
      if (call.custom || isJson(call.args)) continue;
      const text = call.args.slice(0, 80);
      out.push(
        violation(
          `/${call.at}/choices`,
          'arguments-json',
          `choice ${index}, tool call ${callIndex}: the arguments do not form JSON: ${text}`,
        ),
      );
    }
  }
  const indexes = [...choices.keys()].sort((a, b) => a - b);
  if (indexes.some((index, k) => index !== k))
    out.push(
      violation(
        '/',
        'choice-index',
        `choice indexes are not 0…${indexes.length - 1} (found ${indexes.join(', ')})`,
      ),
    );
  return out;
}

function checkEvent(data: unknown, i: number, state: StreamState): void {
  const { out } = state;
  if (state.doneAt !== undefined) {
    out.push(violation(`/${i}`, 'done-last', `an event follows [DONE] (sent at event ${state.doneAt})`));
    return;
  }
  if (data === '[DONE]') {
    state.doneAt = i;
    return;
  }
  if (!data || typeof data !== 'object' || Array.isArray(data)) {
    out.push(violation(`/${i}`, 'chunk', 'the event is not a JSON object'));
    return;
  }
  const chunk = data as Record<string, unknown>;
  if (typeof chunk['id'] === 'string') {
    state.streamId ??= chunk['id'];
    if (chunk['id'] !== state.streamId)
      out.push(
        violation(
          `/${i}/id`,
          'same-id',
          `chunk id ${chunk['id']} differs from the stream's ${state.streamId}`,
        ),
      );
  }
  if (state.usageAt !== undefined)
    out.push(violation(`/${i}`, 'usage-last', `a chunk follows the usage chunk (event ${state.usageAt})`));
  const list = Array.isArray(chunk['choices']) ? chunk['choices'] : [];
  if (list.length === 0) {
    if (chunk['usage'] && typeof chunk['usage'] === 'object') state.usageAt = i;
    else out.push(violation(`/${i}/choices`, 'empty-chunk', 'a chunk with no choices must carry the usage'));
    return;
  }
  if (chunk['usage'] != null)
    out.push(
      violation(
        `/${i}/usage`,
        'usage-last',
        'usage comes in its own final chunk with `choices: []`, not beside choices',
      ),
    );
  const open = state.openRole;
  state.openRole = undefined;
  const first = (list[0] ?? {}) as Record<string, unknown>;
  if (open && first['index'] !== open.index)
    out.push(
      violation(
        `/${i}/choices/0/index`,
        'role-then-content',
        `choice ${open.index} sent its role (event ${open.at}) but its first content did not follow it`,
      ),
    );
  for (const [k, c] of list.entries()) checkChoice(c, `/${i}/choices/${k}`, i, state);
}

/** What the role chunk must carry, known once the choice has streamed its calls, logprobs or refusal. */
function checkRoleChunk(index: number, choice: ChoiceState, out: Violation[]): void {
  if (choice.roleAt === undefined) return;
  const at = `/${choice.roleAt}/choices`;
  const role = choice.roleDelta ?? {};
  if (choice.calls.size >= 2 && Array.isArray(role['tool_calls']))
    out.push(
      violation(
        `${at}`,
        'role-alone',
        `choice ${index} made ${choice.calls.size} tool calls: its role chunk comes alone, without the first call`,
      ),
    );
  if (choice.loggedAt !== undefined && (choice.roleLogprobs === null || choice.roleLogprobs === undefined))
    out.push(
      violation(
        `${at}`,
        'role-logprobs',
        `choice ${index} streams logprobs (event ${choice.loggedAt}): its role chunk carries {"content": [], "refusal": null}, not null`,
      ),
    );
  if (choice.refusalAt !== undefined && (role['content'] !== null || role['refusal'] !== ''))
    out.push(
      violation(
        `${at}`,
        'refusal-role',
        `choice ${index} streams a refusal (event ${choice.refusalAt}): its role chunk has content null and refusal ""`,
      ),
    );
}

function checkChoice(raw: unknown, pointer: string, at: number, stream: StreamState): void {
  const { out } = stream;
  if (!raw || typeof raw !== 'object') {
    out.push(violation(pointer, 'chunk', 'a choice must be an object'));
    return;
  }
  const c = raw as Record<string, any>;
  const index = typeof c['index'] === 'number' ? c['index'] : -1;
  if (index < 0) {
    out.push(violation(`${pointer}/index`, 'choice-index', 'a choice has no index'));
    return;
  }
  const known = stream.choices.get(index);
  const state: ChoiceState = known ?? { calls: new Map() };
  if (!known) stream.choices.set(index, state);
  if (state.finish !== undefined)
    out.push(
      violation(
        pointer,
        'finish-last',
        `choice ${index} continues after its finish_reason (event ${state.finishAt})`,
      ),
    );
  const delta = (c['delta'] ?? {}) as Record<string, any>;
  if (delta['role'] != null) {
    if (known && state.roleAt !== undefined)
      out.push(
        violation(
          `${pointer}/delta/role`,
          'role-once',
          `choice ${index} sent its role again (first at event ${state.roleAt})`,
        ),
      );
    if (state.roleAt === undefined) {
      state.roleAt = at;
      state.roleDelta = delta;
      state.roleLogprobs = c['logprobs'];
      const said = (typeof delta['content'] === 'string' && delta['content'] !== '') || delta['tool_calls'];
      if (!said && !delta['refusal']) stream.openRole = { index, at };
    }
  } else if (c['logprobs'] != null) state.loggedAt ??= at;
  if (typeof delta['refusal'] === 'string' && delta['refusal'] !== '' && delta['role'] == null)
    state.refusalAt ??= at;
  if (!known && state.roleAt === undefined)
    out.push(violation(`${pointer}/delta`, 'role-first', `the first delta of choice ${index} has no role`));
  if (Array.isArray(delta['tool_calls'])) {
    if (delta['tool_calls'].length > 1)
      out.push(
        violation(
          `${pointer}/delta/tool_calls`,
          'call-own-chunk',
          `${delta['tool_calls'].length} tool-call deltas in one chunk: each call streams in chunks of its own`,
        ),
      );
    for (const [k, t] of delta['tool_calls'].entries())
      checkCall(t, `${pointer}/delta/tool_calls/${k}`, at, state, out);
  }
  if (c['finish_reason'] != null) {
    state.finish = String(c['finish_reason']);
    state.finishAt = at;
    if (state.finish === 'tool_calls' && state.calls.size === 0)
      out.push(
        violation(
          `${pointer}/finish_reason`,
          'finish',
          `choice ${index} finished with tool_calls but sent none`,
        ),
      );
  }
}

function checkCall(raw: unknown, pointer: string, at: number, state: ChoiceState, out: Violation[]): void {
  const t = (raw ?? {}) as Record<string, any>;
  if (typeof t['index'] !== 'number') {
    out.push(violation(`${pointer}/index`, 'tool-call-index', 'a tool-call delta has no index'));
    return;
  }
  const fn = (t['function'] ?? t['custom'] ?? {}) as Record<string, any>;
  let call = state.calls.get(t['index']);
  if (!call) {
    call = {
      args: '',
      at,
      custom: t['custom'] !== undefined || t['type'] === 'custom',
      id: t['id'],
      name: fn['name'],
    };
    state.calls.set(t['index'], call);
    if (typeof t['id'] !== 'string' || !t['id'])
      out.push(
        violation(`${pointer}/id`, 'tool-call-header', `tool call ${t['index']} starts without an id`),
      );
    if (typeof fn['name'] !== 'string' || !fn['name'])
      out.push(
        violation(
          `${pointer}/function/name`,
          'tool-call-header',
          `tool call ${t['index']} starts without a name`,
        ),
      );
  } else {
    if (t['id'] !== undefined && t['id'] !== call.id)
      out.push(violation(`${pointer}/id`, 'tool-call-header', `tool call ${t['index']} changes its id`));
    if (fn['name'] && fn['name'] !== call.name)
      out.push(
        violation(`${pointer}/function/name`, 'tool-call-header', `tool call ${t['index']} changes its name`),
      );
  }
  const piece = fn['arguments'] ?? fn['input'];
  if (typeof piece === 'string') call.args += piece;
}

const SSE_FIELDS = ['data', 'event', 'id', 'retry'];

function unwrap(raw: unknown): unknown {
  let data = raw;
  const isEvent =
    data &&
    typeof data === 'object' &&
    !Array.isArray(data) &&
    'data' in data &&
    Object.keys(data).every((k) => SSE_FIELDS.includes(k));
  if (isEvent) data = (data as { data: unknown }).data;
  if (typeof data !== 'string' || data === '[DONE]') return data;
  try {
    return JSON.parse(data);
  } catch {
    return data;
  }
}

function isJson(text: string): boolean {
  try {
    JSON.parse(text);
    return true;
  } catch {
    return false;
  }
}
