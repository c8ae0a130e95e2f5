/**
 * A planned completion as the real API streams it: per choice a role delta first (carrying the tool call's
 * header when the answer is one tool call; alone when it is several; with empty logprobs when logprobs are
 * asked for; `content: null, refusal: ""` before refusal deltas), content deltas of one token each, tool-call
 * deltas (header with index, id and name, then argument fragments), a finish chunk with an empty delta;
 * choices interleaved token by token, each one's role chunk right before its first token; then the usage
 * chunk with `choices: []` when asked for, and `[DONE]`.
 */

import type { RequestContext } from '../../engine/context.js';
import type { SseEvent } from '../../engine/types.js';
import { type Random, tokenPieces } from '../../fixtures/index.js';
import type { Pacing } from './pacing.js';
import { tokenGapMs } from './pacing.js';
import type { ChoicePlan, PlannedCall } from './plan.js';
import type { CompletionHead, renderUsage } from './render-body.js';

export interface StreamInput {
  head: CompletionHead;
  choices: readonly ChoicePlan[];
  usage: ReturnType<typeof renderUsage>;
  includeUsage: boolean;
  obfuscate: boolean;
  pacing: Pacing;
  model: string;
  random: Random;
}

interface Step {
  delta: Record<string, unknown>;
  logprobs: unknown;
  finish: string | null;
  /** A token was produced for this step (it is paced). */
  token: boolean;
}

const OBFUSCATION_CHARS = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';

export async function* streamChunks(ctx: RequestContext, input: StreamInput): AsyncGenerator<SseEvent> {
  const { head, pacing, random } = input;
  const perChoice = input.choices.map((c) => choiceSteps(c, input.model));
  const gap = tokenGapMs(pacing);
  if (pacing.firstTokenMs > 0) await ctx.engine.clock.sleep(pacing.firstTokenMs, ctx.signal);
  let first = true;
  // Choices are interleaved token by token; a choice's untimed steps (its role chunk) go out right before
  // its first token, so n > 1 streams role 0, content 0, role 1, content 1, … as the real API does.
  const cursors = perChoice.map(() => 0);
  for (let pending = true; pending; ) {
    pending = false;
    for (const [index, steps] of perChoice.entries()) {
      while (cursors[index]! < steps.length) {
        const step = steps[cursors[index]!++]!;
        if (step.token && !first && gap > 0) await ctx.engine.clock.sleep(gap, ctx.signal);
        if (step.token) first = false;
        const choices = [{ index, delta: step.delta, logprobs: step.logprobs, finish_reason: step.finish }];
        const obfuscation = input.obfuscate ? padding(step.delta, random) : undefined;
        yield { data: deltaChunk(head, choices, input.includeUsage, obfuscation) };
        if (step.token) break;
      }
      if (cursors[index]! < steps.length) pending = true;
    }
  }
  if (input.includeUsage) yield { data: { ...chunkHead(head), choices: [], usage: input.usage } };
  yield { data: '[DONE]' };
}

/**
 * A delta chunk built as one object literal per shape. Adding `usage` and `obfuscation` to a spread copy
 * afterwards left every chunk a slow-mode object: that cost ~40% of the CPU of a streamed reply.
 * Key order (and so the bytes on the wire) is unchanged.
 */
function deltaChunk(
  head: CompletionHead,
  choices: unknown[],
  includeUsage: boolean,
  obfuscation: string | undefined,
): Record<string, unknown> {
  const { id, created, model, service_tier, system_fingerprint } = head;
  const object = 'chat.completion.chunk';
  if (obfuscation === undefined)
    return includeUsage
      ? { id, object, created, model, service_tier, system_fingerprint, choices, usage: null }
      : { id, object, created, model, service_tier, system_fingerprint, choices };
  return includeUsage
    ? { id, object, created, model, service_tier, system_fingerprint, choices, usage: null, obfuscation }
    : { id, object, created, model, service_tier, system_fingerprint, choices, obfuscation };
}

function chunkHead(head: CompletionHead) {
  return {
    id: head.id,
    object: 'chat.completion.chunk',
    created: head.created,
    model: head.model,
    service_tier: head.service_tier,
    system_fingerprint: head.system_fingerprint,
  };
}

function choiceSteps(c: ChoicePlan, model: string): Step[] {
  const steps: Step[] = [];
  const add = (delta: Record<string, unknown>, token = true, logprobs: unknown = null) =>
    steps.push({ delta, logprobs, finish: null, token });
  let from = 0;
  if (c.refusal !== null) {
    add({ role: 'assistant', content: null, refusal: '' }, false);
    for (const piece of tokenPieces(c.refusal, model)) add({ refusal: piece });
  } else if (!c.content && c.toolCalls.length === 1) {
    add({ role: 'assistant', content: null, tool_calls: [callHeader(c.toolCalls[0]!, 0)], refusal: null });
    addArguments(c.toolCalls[0]!, 0, model, add);
    from = 1;
  } else if (!c.content && c.toolCalls.length > 1) {
    // Two or more calls: the role chunk comes alone and each call starts in a chunk of its own.
    add({ role: 'assistant', content: null }, false);
  } else {
    // With `logprobs: true` the role chunk carries empty logprobs, which the SDKs' accumulators start from.
    add(
      { role: 'assistant', content: '', refusal: null },
      false,
      c.logprobs ? { content: [], refusal: null } : null,
    );
    for (const [k, piece] of c.pieces.entries()) {
      add({ content: piece }, true, c.logprobs ? { content: [c.logprobs[k]], refusal: null } : null);
    }
  }
  for (let index = from; index < c.toolCalls.length; index++) {
    const call = c.toolCalls[index]!;
    add({ tool_calls: [callHeader(call, index)] });
    addArguments(call, index, model, add);
  }
  steps.push({ delta: {}, logprobs: null, finish: c.finishReason, token: false });
  return steps;
}

function callHeader(call: PlannedCall, index: number) {
  return call.type === 'custom'
    ? { index, id: call.id, type: 'custom', custom: { name: call.name, input: '' } }
    : { index, id: call.id, type: 'function', function: { name: call.name, arguments: '' } };
}

function addArguments(
  call: PlannedCall,
  index: number,
  model: string,
  add: (delta: Record<string, unknown>) => void,
) {
  for (const piece of tokenPieces(call.arguments, model)) {
    add({
      tool_calls: [
        call.type === 'custom'
          ? { index, custom: { input: piece } }
          : { index, function: { arguments: piece } },
      ],
    });
  }
}

/** Random characters that even out chunk sizes, so packet lengths do not reveal the tokens (`include_obfuscation`). */
function padding(delta: Record<string, unknown>, random: Random): string {
  const visible = typeof delta['content'] === 'string' ? delta['content'].length : 0;
  const length = Math.max(1, 16 - visible);
  let out = '';
  for (let i = 0; i < length; i++)
    out += OBFUSCATION_CHARS[Math.floor(random.next() * OBFUSCATION_CHARS.length)];
  return out;
}
