/**
 * Reply planning: what each choice says, before it is rendered as a body or a stream. The scripted reply
 * (from the fixtures middleware) or the generated default decides the content; then the request's
 * limits apply as the real API applies them: `stop` cuts the text, `max_completion_tokens` cuts it with
 * `finish_reason: "length"` — after the hidden reasoning tokens of reasoning models have used their share.
 */

import type { RequestContext } from '../../engine/context.js';
import { countTokens, type Random, tokenPieces, truncateToTokens } from '../../fixtures/index.js';
import {
  type ConversationView,
  defaultReply,
  resolveToolCall,
  type ScriptedReply,
} from '../../fixtures/scripted/index.js';
import { type TokenLogprob, tokenLogprobs } from './logprobs.js';
import type { ChatRequest } from './request.js';

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter';

export interface PlannedCall {
  id: string;
  type: 'function' | 'custom';
  name: string;
  arguments: string;
}

export interface ChoicePlan {
  index: number;
  content: string | null;
  refusal: string | null;
  toolCalls: PlannedCall[];
  finishReason: FinishReason;
  /** The content cut into token pieces (stream deltas, logprobs); empty when neither is asked for. */
  pieces: string[];
  logprobs: TokenLogprob[] | null;
  /** Visible output tokens (content, refusal, tool calls). */
  outputTokens: number;
  reasoningTokens: number;
}

const hasContent = (r: ScriptedReply) =>
  r.text !== undefined || r.toolCalls !== undefined || r.json !== undefined || r.refusal !== undefined;

/** `random` drives the content; each choice draws from its own fork, so choice 0 is the same whatever `n` is. */
export function planChoices(
  ctx: RequestContext,
  req: ChatRequest,
  view: ConversationView,
  scripted: ScriptedReply | undefined,
  random: Random,
): ChoicePlan[] {
  return Array.from({ length: req.n }, (_, index) =>
    planChoice(ctx, req, view, scripted, random.fork(`choice:${index}`), index),
  );
}

function planChoice(
  ctx: RequestContext,
  req: ChatRequest,
  view: ConversationView,
  scripted: ScriptedReply | undefined,
  random: Random,
  index: number,
): ChoicePlan {
  const model = req.model;
  const reply = scripted && hasContent(scripted) ? scripted : defaultReply(view, { random, model });
  let reasoningTokens = req.reasoning
    ? reasoningFor(req.reasoningEffort, scripted?.reasoning, model, random.fork('reasoning'))
    : 0;
  let content: string | null = reply.text ?? (reply.json !== undefined ? JSON.stringify(reply.json) : null);
  const refusal = reply.refusal ?? null;
  let toolCalls: PlannedCall[] = (reply.toolCalls ?? []).map((call, k) => {
    const resolved = resolveToolCall(call, view, random.fork(`call:${k}`));
    return { ...resolved, id: resolved.id ?? ctx.engine.ids.next('call', random.fork(`call-id:${k}`)) };
  });
  if (content === null && !toolCalls.length && refusal === null) content = '';
  let finishReason: FinishReason = toolCalls.length ? 'tool_calls' : 'stop';

  if (content && req.stop.length) {
    const at = firstStop(content, req.stop);
    if (at !== undefined) {
      content = content.slice(0, at);
      toolCalls = [];
      finishReason = 'stop';
    }
  }

  let contentCount: number | undefined;
  if (req.maxTokens !== undefined) {
    let budget = req.maxTokens - reasoningTokens;
    if (budget <= 0) {
      // The reasoning used the whole allowance: the visible answer is empty, a classic surprise of o-series models.
      reasoningTokens = req.maxTokens;
      content = content === null ? null : '';
      toolCalls = [];
      finishReason = 'length';
    } else {
      const used = content ? countTokens(content, model) : 0;
      contentCount = used;
      if (used > budget) {
        content = truncateToTokens(content!, budget, model);
        contentCount = countTokens(content, model);
        toolCalls = [];
        finishReason = 'length';
      } else {
        budget -= used;
        for (const [k, call] of toolCalls.entries()) {
          const cost = countTokens(call.arguments, model);
          if (cost <= budget) {
            budget -= cost;
            continue;
          }
          call.arguments = truncateToTokens(call.arguments, budget, model);
          toolCalls = toolCalls.slice(0, k + 1);
          finishReason = 'length';
          break;
        }
      }
    }
  }

  const pieces = content && (req.stream || req.logprobs) ? tokenPieces(content, model) : [];
  // Tokens, not pieces: a character that spans several tokens is one piece (decoders cannot split it).
  const contentTokens = contentCount ?? (content ? countTokens(content, model) : 0);
  const outputTokens =
    contentTokens +
    (refusal ? countTokens(refusal, model) : 0) +
    toolCalls.reduce((sum, c) => sum + countTokens(c.name, model) + countTokens(c.arguments, model) + 3, 0);
  return {
    index,
    content,
    refusal,
    toolCalls,
    finishReason,
    pieces,
    logprobs: req.logprobs ? tokenLogprobs(pieces, req.topLogprobs, random.fork('logprobs')) : null,
    outputTokens,
    reasoningTokens,
  };
}

/** Where the earliest stop sequence begins, if any (the legacy completions simulator cuts the same way). */
export function firstStop(text: string, stops: readonly string[]): number | undefined {
  let at: number | undefined;
  for (const stop of stops) {
    const i = text.indexOf(stop);
    if (i !== -1 && (at === undefined || i < at)) at = i;
  }
  return at;
}

const EFFORT_TOKENS: Record<string, [number, number]> = {
  none: [0, 0],
  minimal: [0, 64],
  low: [64, 256],
  medium: [192, 768],
  high: [512, 2048],
  xhigh: [1024, 4096],
};

/** Hidden reasoning tokens: counted from a scripted reasoning text, else drawn by `reasoning_effort`. */
function reasoningFor(effort: string, scripted: string | undefined, model: string, random: Random): number {
  if (scripted !== undefined) return countTokens(scripted, model);
  const [lo, hi] = EFFORT_TOKENS[effort] ?? EFFORT_TOKENS['medium']!;
  return random.int(lo, hi);
}
