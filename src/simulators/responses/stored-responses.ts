/**
 * Stored responses: retrieve (JSON, or its event stream again — from `starting_after` when a client
 * resumes a dropped stream), delete, cancel a background response, and list the items a response saw.
 */
import type { RequestContext } from '../../engine/context.js';
import { json, sse } from '../../engine/handler.js';
import type { MockResponse } from '../../engine/types.js';
import { pageOf, readPageQuery } from '../files/list-page.js';
import { stopJob, streamSignal } from './background-jobs.js';
import { eventTimes, pacedEvents } from './event-timeline.js';
import { responseErrors } from './response-errors.js';
import { responseEvents } from './response-events.js';
import { pendingResponse } from './response-object.js';
import { type Json, requireResponse, responseStore, saveResponse } from './response-store.js';

const one = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v);

export async function retrieveResponse(ctx: RequestContext): Promise<MockResponse> {
  const stored = await requireResponse(ctx.engine, ctx.params['response_id']!);
  if (one(ctx.query['stream']) !== 'true') return json(stored.response);
  const raw = one(ctx.query['starting_after']);
  const startingAfter = raw === undefined || raw === '' ? undefined : Number(raw);
  if (startingAfter !== undefined && !Number.isInteger(startingAfter))
    throw responseErrors.startingAfter(String(raw));
  const obfuscate = one(ctx.query['include_obfuscation']) !== 'false';
  const events = responseEvents(stored.final, { ...stored.events, obfuscate });
  const id = stored.response['id'];
  return sse(
    pacedEvents(ctx.engine, events, eventTimes(events, stored.timing), {
      startingAfter,
      signal: streamSignal(ctx.engine, ctx.signal),
      cutoff: async () => (await responseStore(ctx.engine).get(id))?.cancelledAt,
    }),
  );
}

export async function deleteResponse(ctx: RequestContext): Promise<MockResponse> {
  const stored = await requireResponse(ctx.engine, ctx.params['response_id']!);
  const id = stored.response['id'];
  stopJob(ctx.engine, id);
  // A tombstone, so the id stays unknown to retrieve and chains, as a deleted response is.
  await responseStore(ctx.engine).set(id, { ...stored, deleted: true });
  return json({ id, object: 'response', deleted: true });
}

/** Only background responses can be cancelled; cancelling twice returns the cancelled response again. */
export async function cancelResponse(ctx: RequestContext): Promise<MockResponse> {
  const stored = await requireResponse(ctx.engine, ctx.params['response_id']!);
  const response = stored.response;
  if (response['background'] !== true) throw responseErrors.cancelSynchronous();
  const status = response['status'];
  if (status === 'cancelled') return json(response);
  if (status !== 'queued' && status !== 'in_progress') throw responseErrors.cancelFinished(status);
  stopJob(ctx.engine, response['id']);
  const cancelled = pendingResponse(stored.final, 'cancelled');
  await saveResponse(ctx.engine, { ...stored, response: cancelled, cancelledAt: ctx.engine.clock.now() });
  return json(cancelled);
}

/** The items the response saw: its history (chain or conversation) and its input; newest first by default. */
export async function listInputItems(ctx: RequestContext): Promise<MockResponse> {
  const stored = await requireResponse(ctx.engine, ctx.params['response_id']!);
  const q = readPageQuery(ctx.query, { defaultLimit: 20, maxLimit: 100, defaultOrder: 'desc' });
  const items = [...stored.history, ...stored.input] as Array<Json & { id: string }>;
  if (q.order === 'desc') items.reverse();
  return json(
    pageOf(
      items,
      q,
      () => true,
      (item) => item,
    ),
  );
}
