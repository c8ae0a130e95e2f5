/**
 * `POST /responses`: read the request, gather the turn's history (chain or conversation), plan the output,
 * apply `max_output_tokens`, count usage, then deliver — as JSON, as a paced event stream, or as a
 * background job that polls and streams through `queued` → `in_progress` → done.
 */

import type { EngineCore, RequestContext } from '../../engine/context.js';
import { json, sse } from '../../engine/handler.js';
import type { MockResponse } from '../../engine/types.js';
import { conversationView } from '../../fixtures/scripted/index.js';
import { appendConversationItems } from '../conversations/conversation-store.js';
import { startJob, streamSignal } from './background-jobs.js';
import { pacedEvents } from './event-timeline.js';
import { checkToolOutputs, normalizeInput } from './input-items.js';
import { applyOutputLimit } from './output-limit.js';
import { planTurn } from './reply-plan.js';
import { responseErrors } from './response-errors.js';
import type { EventOptions } from './response-events.js';
import { finalResponse, pendingResponse, responseSkeleton } from './response-object.js';
import { type ResponseRequest, readResponseRequest } from './response-request.js';
import { scheduleResponse } from './response-schedule.js';
import { indexItems, type Json, responseStore, type StoredResponse, saveResponse } from './response-store.js';
import { countInputTokens, countOutputTokens, usageOf } from './token-usage.js';
import { loadHistory } from './turn-history.js';

export async function createResponse(ctx: RequestContext): Promise<MockResponse> {
  const { engine } = ctx;
  const req = readResponseRequest(ctx);
  const history = await loadHistory(engine, req.body);
  const input = await normalizeInput(engine, ctx.random.fork('input'), req.body['input']);
  checkToolOutputs(history.items, input);
  const { items: historyItems, tokens: inputTokens } = fitContext(req, history.items, input);
  // The input as resolved (item references replaced by their items), not as sent.
  const view = conversationView({ ...req.body, input }, 'responses', historyItems);
  const scripted = ctx.scriptedReply;

  const plan = await planTurn(ctx, req, view, [...historyItems, ...input]);
  const { incomplete } = applyOutputLimit(plan, req.maxOutputTokens, req.model);
  const usage = usageOf(
    scripted?.usage?.promptTokens ?? inputTokens,
    countOutputTokens(req.model, plan.output),
    plan.reasoningTokens,
    history.cachedPrefixTokens,
  );
  if (scripted?.usage?.completionTokens !== undefined) {
    usage['output_tokens'] = scripted.usage.completionTokens;
    usage['total_tokens'] = usage['input_tokens'] + usage['output_tokens'];
  }

  const id = engine.ids.next('resp', ctx.random.fork('response-id'));
  const skeleton = responseSkeleton(req, id, engine.timestamp(), history);
  const final = finalResponse(skeleton, plan.output, usage, incomplete, 0);
  const eventOptions: EventOptions = {
    model: req.model,
    background: req.background,
    obfuscate: req.obfuscate,
    partialImages: partialImages(req.tools),
  };
  const { timing, events, times, endAt } = scheduleResponse(ctx, req, scripted, final, eventOptions);
  // The terminal event holds this same object, so the stamp reaches the stream too.
  if (!incomplete) final['completed_at'] = stamp(engine, endAt);

  const stored: StoredResponse = {
    response: final,
    final,
    history: historyItems,
    input,
    timing,
    events: eventOptions,
  };
  const conversationId = history.conversationId;
  if (!req.background) {
    if (req.store) {
      await saveResponse(engine, stored);
      await indexItems(engine, [...input, ...plan.output]);
    }
    if (conversationId) await appendConversationItems(engine, conversationId, [...input, ...plan.output]);
    if (events && req.stream) return sse(pacedEvents(engine, events, times, { signal: ctx.signal }));
    const wait = endAt - engine.clock.now();
    if (wait > 0) await engine.clock.sleep(wait, ctx.signal);
    return json(final);
  }

  stored.response = pendingResponse(final, 'queued');
  await saveResponse(engine, stored);
  const inProgressAt = timing.startedAt + timing.queuedMs;
  startJob(engine, id, {
    startAt: inProgressAt,
    endAt,
    async onStart() {
      await update(engine, id, (s) => ({ ...s, response: pendingResponse(final, 'in_progress') }));
    },
    async onEnd() {
      const done = await update(engine, id, (s) => ({ ...s, response: final }));
      if (!done) return;
      await indexItems(engine, [...input, ...plan.output]);
      if (conversationId) await appendConversationItems(engine, conversationId, [...input, ...plan.output]);
    },
  });
  if (!req.stream || !events) return json(stored.response);
  return sse(
    pacedEvents(engine, events, times, {
      signal: streamSignal(engine, ctx.signal),
      cutoff: async () => (await responseStore(engine).get(id))?.cancelledAt,
    }),
  );
}

/** Changes a stored background response unless it was cancelled or deleted meanwhile; true when written. */
async function update(
  engine: EngineCore,
  id: string,
  change: (s: StoredResponse) => StoredResponse,
): Promise<boolean> {
  const current = await responseStore(engine).get(id);
  if (!current || current.deleted || current.cancelledAt !== undefined) return false;
  await saveResponse(engine, change(current));
  return true;
}

/**
 * The input must fit the model's context window: with `truncation: "auto"` the oldest history items are
 * dropped until it does; otherwise (the default) the real API's 400.
 */
function fitContext(req: ResponseRequest, history: Json[], input: Json[]): { items: Json[]; tokens: number } {
  const count = (items: Json[]) =>
    countInputTokens(req.model, req.instructions, [...items, ...input], req.tools);
  let items = history;
  let tokens = count(items);
  const limit = req.info.contextWindow;
  if (limit === undefined || tokens <= limit) return { items, tokens };
  if (req.truncation === 'auto') {
    while (items.length && tokens > limit) {
      items = items.slice(1);
      tokens = count(items);
    }
    if (tokens <= limit) return { items, tokens };
  }
  throw responseErrors.contextLength();
}

const partialImages = (tools: Json[]) => {
  const n = tools.find((t) => t['type'] === 'image_generation')?.['partial_images'];
  return typeof n === 'number' ? Math.max(0, Math.min(3, n)) : 0;
};

/** Unix seconds of an engine-clock time, or the frozen time. */
const stamp = (engine: EngineCore, ms: number) => engine.options.freezeTime ?? Math.floor(ms / 1000);
