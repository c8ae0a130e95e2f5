/**
 * A turn's `input` (a string or a list of items in any of the shapes the API accepts) turned into the
 * item resources the API stores and lists: every item gets an id and a status, messages get content parts,
 * and `item_reference`s are replaced by the items they name.
 */

import type { EngineCore } from '../../engine/context.js';
import type { Random } from '../../fixtures/index.js';
import { responseErrors } from './response-errors.js';
import { itemStore, type Json } from './response-store.js';

const isRecord = (v: unknown): v is Json => v !== null && typeof v === 'object' && !Array.isArray(v);

/** Id prefixes by item type: known kinds of the id factory, or literal prefixes with the Responses look. */
const ID_KIND: Record<string, string> = {
  message: 'msg',
  function_call: 'fc',
  function_call_output: 'fco_',
  reasoning: 'rs',
  web_search_call: 'ws',
  file_search_call: 'fs',
  computer_call: 'cu',
  computer_call_output: 'cuo_',
  custom_tool_call: 'ctc',
  custom_tool_call_output: 'ctco_',
  image_generation_call: 'ig',
  code_interpreter_call: 'ci',
  local_shell_call: 'lsh',
  local_shell_call_output: 'lsho_',
  mcp_list_tools: 'mcp',
  mcp_call: 'mcp',
  mcp_approval_request: 'mcpr_',
  mcp_approval_response: 'mcpa_',
};

/** A new item id for `type`, unique in this engine run. */
export function itemId(engine: EngineCore, random: Random, type: string): string {
  const kind = ID_KIND[type] ?? 'item_';
  return kind.endsWith('_')
    ? engine.ids.next(kind, random, { length: 48, alphabet: 'hex' })
    : engine.ids.next(kind, random);
}

export async function normalizeInput(engine: EngineCore, random: Random, input: unknown): Promise<Json[]> {
  if (typeof input === 'string') return [message(engine, random, { role: 'user', content: input })];
  if (!Array.isArray(input)) return [];
  const out: Json[] = [];
  for (const raw of input) {
    if (!isRecord(raw)) continue;
    const type = typeof raw['type'] === 'string' ? raw['type'] : 'message';
    if (type === 'message') out.push(message(engine, random, raw));
    else if (type === 'item_reference') {
      const found = await itemStore(engine).get(String(raw['id']));
      if (!found) throw responseErrors.referenceNotFound(String(raw['id']));
      out.push(found);
    } else out.push(otherItem(engine, random, type, raw));
  }
  return out;
}

function message(engine: EngineCore, random: Random, raw: Json): Json {
  const role = typeof raw['role'] === 'string' ? raw['role'] : 'user';
  const assistant = role === 'assistant';
  const content =
    typeof raw['content'] === 'string'
      ? [{ type: assistant ? 'output_text' : 'input_text', text: raw['content'] }]
      : raw['content'];
  const parts = (Array.isArray(content) ? content : []).filter(isRecord).map((part) => contentPart(part));
  return {
    id: typeof raw['id'] === 'string' ? raw['id'] : itemId(engine, random, 'message'),
    type: 'message',
    role,
    status: 'completed',
    content: parts,
  };
}

function contentPart(part: Json): Json {
  const p = dropNulls(part);
  if (p['type'] === 'output_text') return { annotations: [], logprobs: [], ...p };
  if (p['type'] === 'input_image') return { detail: 'auto', ...p };
  return p;
}

function otherItem(engine: EngineCore, random: Random, type: string, raw: Json): Json {
  const item = dropNulls(raw);
  item['type'] = type;
  item['id'] ??= itemId(engine, random, type);
  if (type === 'function_call' || type.endsWith('_output')) item['status'] ??= 'completed';
  if (type === 'reasoning') item['summary'] ??= [];
  return item;
}

/** Optional fields sent as null are left out of the stored resource, as the API's resources omit them. */
function dropNulls(raw: Json): Json {
  const out: Json = {};
  for (const [k, v] of Object.entries(raw)) if (v !== null && v !== undefined) out[k] = v;
  return out;
}

/**
 * The real API refuses a tool output whose call it cannot find, and a turn that leaves an earlier function
 * call without its output.
 */
export function checkToolOutputs(history: readonly Json[], input: readonly Json[]): void {
  const calls = new Set<string>();
  const answered = new Set<string>();
  for (const item of [...history, ...input]) {
    if (item['type'] === 'function_call' || item['type'] === 'custom_tool_call') calls.add(item['call_id']);
    if (item['type'] === 'function_call_output' || item['type'] === 'custom_tool_call_output') {
      if (!calls.has(item['call_id'])) throw responseErrors.noToolCall(String(item['call_id']));
      answered.add(item['call_id']);
    }
  }
  for (const item of history)
    if (item['type'] === 'function_call' && !answered.has(item['call_id']))
      throw responseErrors.noToolOutput(String(item['call_id']));
}
