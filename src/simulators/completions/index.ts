/**
 * `POST /completions`, the legacy text-completion API (`gpt-3.5-turbo-instruct`, `davinci-002`,
 * `babbage-002`): a `text_completion` object with one choice per prompt and `n` (index = prompt × n + k),
 * real token counts in `usage`; with `stream: true`, `text_completion` chunks of one token each, an empty
 * chunk carrying each choice's `finish_reason`, the usage chunk (`choices: []`) when
 * `stream_options.include_usage` asks for it, then `[DONE]`.
 */

import type { RequestContext } from '../../engine/context.js';
import { json, type OperationHandler, sse } from '../../engine/handler.js';
import type { MockResponse, SseEvent } from '../../engine/types.js';
import { generationMs, type Pacing, pacingFor, tokenGapMs } from '../chat/pacing.js';
import { type CompletionChoice, legacyLogprobs, type PlannedCompletion, planCompletion } from './plan.js';
import { type CompletionRequest, readCompletionRequest } from './request.js';

interface Head {
  id: string;
  created: number;
  model: string;
}

async function createCompletion(ctx: RequestContext): Promise<MockResponse> {
  const req = readCompletionRequest(ctx);
  const random = ctx.random;
  const plan = planCompletion(req, random);
  const head: Head = {
    id: ctx.engine.ids.next('cmpl-', random.fork('id'), { length: 29 }),
    created: ctx.engine.timestamp(),
    model: req.model,
  };
  const usage = {
    prompt_tokens: plan.promptTokens,
    completion_tokens: plan.completionTokens,
    total_tokens: plan.promptTokens + plan.completionTokens,
  };
  const pacing = pacingFor(ctx, undefined);
  if (req.stream) return sse(streamCompletion(ctx, req, head, plan, usage, pacing));
  const wait = generationMs(pacing, plan.completionTokens);
  if (wait > 0) await ctx.engine.clock.sleep(wait, ctx.signal);
  return json({
    id: head.id,
    object: 'text_completion',
    created: head.created,
    model: head.model,
    choices: plan.choices.map((c) => ({
      text: c.echoed + c.completion,
      index: c.index,
      logprobs: req.logprobs === null ? null : legacyLogprobs([...c.echoTokens, ...c.completionPieces]),
      finish_reason: c.finishReason,
    })),
    usage,
  });
}

async function* streamCompletion(
  ctx: RequestContext,
  req: CompletionRequest,
  head: Head,
  plan: PlannedCompletion,
  usage: Record<string, number>,
  pacing: Pacing,
): AsyncGenerator<SseEvent> {
  const chunk = (choice: Record<string, unknown>) => ({
    id: head.id,
    object: 'text_completion',
    created: head.created,
    choices: [choice],
    model: head.model,
    ...(req.includeUsage && { usage: null }),
  });
  const withLogprobs = req.logprobs !== null;
  const steps = plan.choices.map((c) => choiceSteps(c, withLogprobs));
  const gap = tokenGapMs(pacing);
  if (pacing.firstTokenMs > 0) await ctx.engine.clock.sleep(pacing.firstTokenMs, ctx.signal);
  const longest = Math.max(0, ...steps.map((s) => s.length));
  let first = true;
  // Choices are generated side by side: their chunks interleave token by token.
  for (let i = 0; i < longest; i++) {
    for (const list of steps) {
      const step = list[i];
      if (!step) continue;
      if (step.token && !first && gap > 0) await ctx.engine.clock.sleep(gap, ctx.signal);
      if (step.token) first = false;
      yield { data: chunk(step.choice) };
    }
  }
  if (req.includeUsage) yield { data: { ...chunk({}), choices: [], usage } };
  yield { data: '[DONE]' };
}

interface Step {
  choice: Record<string, unknown>;
  /** A generated token (paced); the echoed prompt and the closing chunk are not. */
  token: boolean;
}

function choiceSteps(c: CompletionChoice, withLogprobs: boolean): Step[] {
  const steps: Step[] = [];
  const piece = (text: string, logprobs: unknown, finish: string | null) => ({
    text,
    index: c.index,
    logprobs,
    finish_reason: finish,
  });
  if (c.echoed)
    steps.push({
      choice: piece(c.echoed, withLogprobs ? legacyLogprobs(c.echoTokens) : null, null),
      token: false,
    });
  for (const entry of c.completionPieces)
    steps.push({
      choice: piece(entry.token, withLogprobs ? legacyLogprobs([entry]) : null, null),
      token: true,
    });
  steps.push({ choice: piece('', null, c.finishReason), token: false });
  return steps;
}

/**
 * The content's randomness, seeded by the request without the parameters that only cut or deliver the
 * answer: `max_tokens` and `stop` cut the same text the plain request gets, and choice 0 reads the same
 * whatever `n` or `best_of` is.
 */
const DELIVERY_PARAMS = new Set([
  'stop',
  'max_tokens',
  'n',
  'best_of',
  'logprobs',
  'echo',
  'user',
  'stream',
  'stream_options',
]);

export const completionHandlers: OperationHandler[] = [
  {
    operationId: 'createCompletion',
    method: 'POST',
    path: '/completions',
    streaming: true,
    deliveryParams: DELIVERY_PARAMS,
    handle: createCompletion,
  },
];
