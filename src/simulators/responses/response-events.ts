/**
 * The event stream of a response, derived from its final form, in the real API's order: `response.created`
 * (and `response.queued` in background mode), `response.in_progress`, then per output item
 * `output_item.added` → its parts, deltas and progress events → `output_item.done`, and one terminal
 * event. Deltas are cut at token boundaries. Pure: a stored response replays the same events (a resumed
 * stream with `starting_after` is this list, cut).
 */
import { createRandom, type Random, tokenPieces } from '../../fixtures/index.js';
import { pendingResponse } from './response-object.js';
import type { Json } from './response-store.js';

export interface EventOptions {
  model: string;
  background: boolean;
  /** Add `obfuscation` padding to delta events (`stream_options.include_obfuscation`, on by default). */
  obfuscate: boolean;
  /** `partial_images` of the image generation tool. */
  partialImages: number;
}

const TERMINAL: Record<string, string> = {
  completed: 'response.completed',
  incomplete: 'response.incomplete',
  failed: 'response.failed',
};

export function responseEvents(final: Json, opts: EventOptions): Json[] {
  const events: Json[] = [];
  const random = createRandom(`obfuscation:${final['id']}`);
  const emit = (type: string, fields: Json) =>
    events.push({ type, sequence_number: events.length, ...fields });
  // Deltas are most of a stream: one object per event, no intermediate copies.
  const delta = (type: string, fields: Json, text: string, logprobs?: Json[]) => {
    const event: Json = { type, sequence_number: events.length, ...fields, delta: text };
    if (logprobs) event['logprobs'] = logprobs;
    if (opts.obfuscate) event['obfuscation'] = padding(random, text);
    events.push(event);
  };
  const pieces = (text: string) => tokenPieces(text, opts.model);

  emit('response.created', { response: pendingResponse(final, opts.background ? 'queued' : 'in_progress') });
  if (opts.background) emit('response.queued', { response: pendingResponse(final, 'queued') });
  emit('response.in_progress', { response: pendingResponse(final, 'in_progress') });

  (final['output'] as Json[]).forEach((item, output_index) => {
    const at = { item_id: item['id'], output_index };
    emit('response.output_item.added', { output_index, item: openedItem(item) });
    switch (item['type']) {
      case 'message':
        (item['content'] as Json[]).forEach((part, content_index) => {
          const where = { ...at, content_index };
          const refusal = part['type'] === 'refusal';
          emit('response.content_part.added', {
            ...where,
            part: refusal
              ? { type: 'refusal', refusal: '' }
              : { type: 'output_text', annotations: [], logprobs: [], text: '' },
          });
          const text: string = refusal ? part['refusal'] : part['text'];
          const logprobs: Json[] = part['logprobs'] ?? [];
          for (const [k, piece] of pieces(text).entries()) {
            if (refusal) delta('response.refusal.delta', where, piece);
            else
              delta(
                'response.output_text.delta',
                where,
                piece,
                logprobs[k] ? [streamLogprob(logprobs[k])] : [],
              );
          }
          if (refusal) emit('response.refusal.done', { ...where, refusal: text });
          else {
            for (const [annotation_index, annotation] of (part['annotations'] as Json[]).entries())
              emit('response.output_text.annotation.added', { ...where, annotation_index, annotation });
            emit('response.output_text.done', { ...where, text, logprobs: logprobs.map(streamLogprob) });
          }
          emit('response.content_part.done', { ...where, part });
        });
        break;
      case 'reasoning':
        (item['summary'] as Json[]).forEach((part, summary_index) => {
          const where = { ...at, summary_index };
          emit('response.reasoning_summary_part.added', {
            ...where,
            part: { type: 'summary_text', text: '' },
          });
          for (const piece of pieces(part['text']))
            delta('response.reasoning_summary_text.delta', where, piece);
          emit('response.reasoning_summary_text.done', { ...where, text: part['text'] });
          emit('response.reasoning_summary_part.done', { ...where, part });
        });
        break;
      case 'function_call':
        for (const piece of pieces(item['arguments']))
          delta('response.function_call_arguments.delta', at, piece);
        emit('response.function_call_arguments.done', {
          ...at,
          name: item['name'],
          arguments: item['arguments'],
        });
        break;
      case 'custom_tool_call':
        for (const piece of pieces(item['input'])) delta('response.custom_tool_call_input.delta', at, piece);
        emit('response.custom_tool_call_input.done', { ...at, input: item['input'] });
        break;
      case 'web_search_call':
      case 'file_search_call':
        for (const phase of ['in_progress', 'searching', 'completed'])
          emit(`response.${item['type']}.${phase}`, at);
        break;
      case 'code_interpreter_call':
        emit('response.code_interpreter_call.in_progress', at);
        for (const piece of pieces(item['code'] ?? ''))
          delta('response.code_interpreter_call_code.delta', at, piece);
        emit('response.code_interpreter_call_code.done', { ...at, code: item['code'] ?? '' });
        emit('response.code_interpreter_call.interpreting', at);
        emit('response.code_interpreter_call.completed', at);
        break;
      case 'image_generation_call':
        emit('response.image_generation_call.in_progress', at);
        emit('response.image_generation_call.generating', at);
        for (let k = 0; k < opts.partialImages; k++)
          emit('response.image_generation_call.partial_image', {
            ...at,
            partial_image_index: k,
            partial_image_b64: item['result'] ?? '',
          });
        emit('response.image_generation_call.completed', at);
        break;
      case 'mcp_list_tools':
        emit('response.mcp_list_tools.in_progress', at);
        emit('response.mcp_list_tools.completed', at);
        break;
      case 'mcp_call':
        emit('response.mcp_call.in_progress', at);
        for (const piece of pieces(item['arguments'])) delta('response.mcp_call_arguments.delta', at, piece);
        emit('response.mcp_call_arguments.done', { ...at, arguments: item['arguments'] });
        emit('response.mcp_call.completed', at);
        break;
    }
    emit('response.output_item.done', { output_index, item });
  });

  const terminal = TERMINAL[final['status']];
  if (terminal) emit(terminal, { response: final });
  return events;
}

/** An item as `output_item.added` shows it: in progress, its generated parts still empty. */
function openedItem(item: Json): Json {
  switch (item['type']) {
    case 'message':
      return { ...item, status: 'in_progress', content: [] };
    case 'reasoning':
      return { ...item, summary: [] };
    case 'function_call':
      return { ...item, arguments: '', status: 'in_progress' };
    case 'custom_tool_call':
      return { ...item, input: '' };
    case 'code_interpreter_call':
      return { ...item, status: 'in_progress', code: '', outputs: null };
    case 'image_generation_call':
      return { ...item, status: 'in_progress', result: null };
    case 'mcp_list_tools':
      return { ...item, tools: [] };
    case 'mcp_call':
      return { ...item, arguments: '', output: null, status: 'in_progress' };
    case 'file_search_call':
      return { ...item, status: 'in_progress', results: null };
    case 'web_search_call':
    case 'computer_call':
    case 'local_shell_call':
      return { ...item, status: 'in_progress' };
    default:
      return item;
  }
}

/** Stream events carry logprobs without `bytes`, as the document's ResponseLogProb has them. */
function streamLogprob(lp: Json): Json {
  return {
    token: lp['token'],
    logprob: lp['logprob'],
    top_logprobs: (lp['top_logprobs'] ?? []).map((t: Json) => ({ token: t['token'], logprob: t['logprob'] })),
  };
}

const PAD = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

/** Random characters that make every delta event about the same size, so lengths do not leak token sizes. */
function padding(random: Random, delta: string): string {
  const length = Math.max(1, 16 - delta.length) + random.int(0, 3);
  let out = '';
  for (let i = 0; i < length; i++) out += PAD[random.int(0, PAD.length - 1)];
  return out;
}
