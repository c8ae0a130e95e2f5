/**
 * The grammar of a Responses API event stream as a whole, beyond each event's own shape (which
 * `Contract.validateStreamEvent` checks): strictly increasing `sequence_number`s, `response.created`
 * first, output items added in `output_index` order and closed before the end, content parts and
 * reasoning-summary parts opened in index order, deltas that add up to their `.done` text, `item_id`s
 * that name the item at `output_index`, and exactly one terminal event with nothing after it. Pure: give
 * it recorded real streams too (parsed event data, `{ event, data }` records, or raw JSON strings).
 */
import type { Violation } from '../types.js';

export interface ResponseStreamCheckOptions {
  /**
   * The stream was resumed with `starting_after`: it may begin mid-way, so the first event need not be
   * `response.created` and events about items opened before the cut are not flagged.
   */
  resumed?: boolean;
}

type Ev = Record<string, any>;

interface Part {
  type: string;
  text: string;
  doneText: string | undefined;
  done: boolean;
  annotations: number;
}

interface Item {
  id: string | undefined;
  type: string;
  done: boolean;
  parts: Part[];
  summaries: Part[];
  args: string;
  argsDone: string | undefined;
}

const TERMINAL: Record<string, string> = {
  'response.completed': 'completed',
  'response.incomplete': 'incomplete',
  'response.failed': 'failed',
  error: '',
};
const LIFECYCLE = new Set(['response.created', 'response.queued', 'response.in_progress']);
// Delta/done pairs that accumulate an item-level string, by the item type they belong to.
const ITEM_TEXT: Record<string, { item: string; done: string }> = {
  'response.function_call_arguments': { item: 'function_call', done: 'arguments' },
  'response.custom_tool_call_input': { item: 'custom_tool_call', done: 'input' },
  'response.mcp_call_arguments': { item: 'mcp_call', done: 'arguments' },
  'response.code_interpreter_call_code': { item: 'code_interpreter_call', done: 'code' },
};
const PART_TEXT: Record<string, { list: 'parts' | 'summaries'; index: string; part: string; done: string }> =
  {
    'response.output_text': { list: 'parts', index: 'content_index', part: 'output_text', done: 'text' },
    'response.refusal': { list: 'parts', index: 'content_index', part: 'refusal', done: 'refusal' },
    'response.reasoning_text': {
      list: 'parts',
      index: 'content_index',
      part: 'reasoning_text',
      done: 'text',
    },
    'response.reasoning_summary_text': {
      list: 'summaries',
      index: 'summary_index',
      part: 'summary_text',
      done: 'text',
    },
  };

export function checkResponseStream(
  events: Iterable<unknown>,
  options: ResponseStreamCheckOptions = {},
): Violation[] {
  const out: Violation[] = [];
  const resumed = options.resumed === true;
  const items = new Map<number, Item>();
  let nextIndex = 0;
  let lastSeq: number | undefined;
  let responseId: string | undefined;
  let terminal: string | undefined;
  let count = 0;
  let at = -1;
  const fail = (keyword: string, message: string, field = '') =>
    out.push({ in: 'event', pointer: `/${at}${field ? `/${field}` : ''}`, message, keyword });

  const itemAt = (e: Ev): Item | undefined => {
    const index = e['output_index'];
    if (!Number.isInteger(index)) return undefined;
    const item = items.get(index);
    if (!item) {
      if (!resumed)
        fail(
          'output_index',
          `${e['type']} names output_index ${index}, which no output_item.added opened`,
          'output_index',
        );
      return undefined;
    }
    if ('item_id' in e && item.id !== undefined && e['item_id'] !== item.id)
      fail(
        'item_id',
        `item_id '${e['item_id']}' is not the id of the item at output_index ${index} ('${item.id}')`,
        'item_id',
      );
    if (item.done && e['type'] !== 'response.output_item.done')
      fail('order', `${e['type']} comes after output_item.done for output_index ${index}`);
    return item;
  };

  for (const raw of events) {
    at++;
    const e = toEvent(raw);
    if (e === undefined) continue;
    if (e === null) {
      fail('json', 'event data is not a JSON object with a string `type`');
      continue;
    }
    const type: string = e['type'];
    count++;
    const seq = e['sequence_number'];
    if (!Number.isInteger(seq))
      fail('sequence_number', 'sequence_number is missing or not an integer', 'sequence_number');
    else {
      if (lastSeq !== undefined && seq <= lastSeq)
        fail(
          'sequence_number',
          `sequence_number ${seq} does not increase (previous ${lastSeq})`,
          'sequence_number',
        );
      else if (lastSeq === undefined && !resumed && seq !== 0)
        fail('sequence_number', `the first sequence_number is ${seq}, not 0`, 'sequence_number');
      lastSeq = seq;
    }
    if (terminal !== undefined) fail('terminal', `${type} comes after the terminal event ${terminal}`);
    if (count === 1 && !resumed && type !== 'response.created')
      fail('order', `the stream starts with ${type}, not response.created`, 'type');

    if (LIFECYCLE.has(type) || type in TERMINAL) {
      const response = e['response'];
      if (response && typeof response === 'object') {
        responseId ??= response.id;
        if (response.id !== responseId)
          fail('response_id', `response.id '${response.id}' differs from '${responseId}'`, 'response/id');
      }
      if (type === 'response.created' && count > 1)
        fail('order', 'response.created is not the first event', 'type');
      if ((type === 'response.queued' || type === 'response.in_progress') && items.size > 0)
        fail('order', `${type} comes after output items were added`, 'type');
      if (type in TERMINAL) {
        if (terminal !== undefined) fail('terminal', `a second terminal event (${type}) after ${terminal}`);
        terminal ??= type;
        checkTerminal(type, response);
      }
      continue;
    }

    if (type === 'response.output_item.added') {
      const index = e['output_index'];
      if (index !== nextIndex)
        fail(
          'output_index',
          `output_item.added has output_index ${index}, expected ${nextIndex}`,
          'output_index',
        );
      nextIndex = Math.max(nextIndex, Number.isInteger(index) ? index + 1 : nextIndex);
      if (Number.isInteger(index))
        items.set(index, {
          id: e['item']?.id,
          type: e['item']?.type,
          done: false,
          parts: [],
          summaries: [],
          args: '',
          argsDone: undefined,
        });
      continue;
    }
    if (type === 'response.output_item.done') {
      const item = itemAt(e);
      if (!item) continue;
      if (item.done) fail('order', `output_item.done repeats for output_index ${e['output_index']}`);
      item.done = true;
      checkItemDone(item, e['item'] ?? {});
      continue;
    }
    if (type === 'response.content_part.added' || type === 'response.reasoning_summary_part.added') {
      const item = itemAt(e);
      if (!item) continue;
      const summary = type === 'response.reasoning_summary_part.added';
      const list = summary ? item.summaries : item.parts;
      const key = summary ? 'summary_index' : 'content_index';
      if (e[key] !== list.length) fail(key, `${type} has ${key} ${e[key]}, expected ${list.length}`, key);
      list[e[key]] = { type: e['part']?.type, text: '', doneText: undefined, done: false, annotations: 0 };
      continue;
    }
    if (type === 'response.content_part.done' || type === 'response.reasoning_summary_part.done') {
      const item = itemAt(e);
      const summary = type === 'response.reasoning_summary_part.done';
      const key = summary ? 'summary_index' : 'content_index';
      const part = item && partAt(item, summary ? 'summaries' : 'parts', e, key);
      if (!part) continue;
      part.done = true;
      const text = e['part']?.text ?? e['part']?.refusal;
      const expected = part.doneText ?? part.text;
      if (typeof text === 'string' && text !== expected)
        fail(
          'text',
          `${type} part text differs from its deltas (${text.length} vs ${expected.length} characters)`,
          'part',
        );
      continue;
    }
    if (type === 'response.output_text.annotation.added') {
      const item = itemAt(e);
      const part = item && partAt(item, 'parts', e, 'content_index');
      if (!part) continue;
      if (e['annotation_index'] !== part.annotations)
        fail(
          'annotation_index',
          `annotation_index ${e['annotation_index']}, expected ${part.annotations}`,
          'annotation_index',
        );
      part.annotations++;
      continue;
    }
    const dot = type.lastIndexOf('.');
    const stem = type.slice(0, dot);
    const phase = type.slice(dot + 1);
    const partRule = PART_TEXT[stem];
    if (partRule && (phase === 'delta' || phase === 'done')) {
      const item = itemAt(e);
      const part = item && partAt(item, partRule.list, e, partRule.index);
      if (!part) continue;
      if (part.type !== partRule.part)
        fail('part_type', `${type} targets a ${part.type} part`, partRule.index);
      if (part.doneText !== undefined) fail('order', `${type} comes after ${stem}.done`);
      if (phase === 'delta') part.text += String(e['delta'] ?? '');
      else {
        part.doneText = String(e[partRule.done] ?? '');
        if (part.doneText !== part.text)
          fail('text', `${type} ${partRule.done} is not the concatenation of its deltas`, partRule.done);
      }
      continue;
    }
    const itemRule = ITEM_TEXT[stem];
    if (itemRule && (phase === 'delta' || phase === 'done')) {
      const item = itemAt(e);
      if (!item) continue;
      if (item.type !== itemRule.item)
        fail('item_type', `${type} targets a ${item.type} item`, 'output_index');
      if (phase === 'delta') item.args += String(e['delta'] ?? '');
      else {
        item.argsDone = String(e[itemRule.done] ?? '');
        if (item.argsDone !== item.args)
          fail('text', `${type} ${itemRule.done} is not the concatenation of its deltas`, itemRule.done);
      }
      continue;
    }
    // Tool progress events (web_search_call.searching, …) and others that name an item.
    if ('output_index' in e) itemAt(e);
  }

  if (count > 0 && terminal === undefined)
    out.push({
      in: 'event',
      pointer: '',
      message:
        'the stream ends without a terminal event (response.completed, response.incomplete, response.failed or error)',
      keyword: 'terminal',
    });
  return out;

  function partAt(item: Item, list: 'parts' | 'summaries', e: Ev, key: string): Part | undefined {
    const part = item[list][e[key]];
    if (!part) {
      if (!resumed) fail(key, `${e['type']} names ${key} ${e[key]}, which was never added`, key);
      return undefined;
    }
    if (part.done && !e['type'].endsWith('part.done'))
      fail('order', `${e['type']} comes after its part was done`);
    return part;
  }

  function checkItemDone(item: Item, done: Ev) {
    if (done.id !== item.id)
      fail('item_id', `output_item.done item id '${done.id}' differs from the added '${item.id}'`, 'item/id');
    if (done.type !== item.type)
      fail(
        'item_type',
        `output_item.done item type '${done.type}' differs from the added '${item.type}'`,
        'item/type',
      );
    const open = [...item.parts, ...item.summaries].filter((p) => p && !p.done).length;
    if (open > 0) fail('order', `output_item.done while ${open} of its parts are not done`);
    if (item.argsDone !== undefined) {
      const key =
        item.type === 'custom_tool_call'
          ? 'input'
          : item.type === 'code_interpreter_call'
            ? 'code'
            : 'arguments';
      if (done[key] !== item.argsDone)
        fail('text', `output_item.done ${key} differs from the streamed ${key}`, `item/${key}`);
    }
    if (item.type === 'message' && Array.isArray(done.content)) {
      done.content.forEach((c: Ev, i: number) => {
        const p = item.parts[i];
        const text = c?.text ?? c?.refusal;
        if (p && typeof text === 'string' && text !== (p.doneText ?? p.text))
          fail('text', `output_item.done content ${i} differs from the streamed text`, `item/content/${i}`);
      });
    }
  }

  function checkTerminal(type: string, response: Ev | undefined) {
    const status = TERMINAL[type];
    if (!status) return; // `error` carries no response
    if (response?.status !== status)
      fail('status', `${type} carries a response with status '${response?.status}'`, 'response/status');
    if (status === 'failed') return;
    const open = [...items.entries()].filter(([, i]) => !i.done).map(([k]) => k);
    if (open.length) fail('order', `${type} while output items ${open.join(', ')} are not done`);
    const output: Ev[] = Array.isArray(response?.output) ? response.output : [];
    if (!resumed && output.length !== items.size)
      fail(
        'output',
        `${type} lists ${output.length} output items, the stream added ${items.size}`,
        'response/output',
      );
    output.forEach((o, i) => {
      const id = items.get(i)?.id;
      if (id !== undefined && o?.id !== id)
        fail(
          'output',
          `response.output[${i}].id '${o?.id}' is not the streamed item '${id}'`,
          `response/output/${i}/id`,
        );
    });
  }
}

/** An event's data from a parsed object, an SSE record (`{ event, data }`) or JSON text; undefined skips `[DONE]`. */
function toEvent(raw: unknown): Ev | null | undefined {
  let value = raw;
  if (value && typeof value === 'object' && !('type' in value) && 'data' in value)
    value = (value as Ev)['data'];
  if (typeof value === 'string') {
    if (value.trim() === '[DONE]') return undefined;
    try {
      value = JSON.parse(value);
    } catch {
      return null;
    }
  }
  if (!value || typeof value !== 'object' || typeof (value as Ev)['type'] !== 'string') return null;
  return value as Ev;
}
