/**
 * When a new response's events are due: pacing (`features.pacing` or the scripted reply's, shared with
 * chat) for foreground responses; the queue and run times of `features.responses` for background ones,
 * whose deltas spread over the run time unless pacing says otherwise. The event list is built only when
 * something needs it (a stream, a background job, or a paced plain answer); a stored response can rebuild
 * it later from `timing` alone.
 */

import type { RequestContext } from '../../engine/context.js';
import type { ScriptedReply } from '../../fixtures/scripted/index.js';
import { pacingFor, tokenGapMs } from '../chat/pacing.js';
import { deltaCount, eventTimes } from './event-timeline.js';
import { type EventOptions, responseEvents } from './response-events.js';
import { responsesOptions } from './response-options.js';
import type { ResponseRequest } from './response-request.js';
import type { Json, StreamTiming } from './response-store.js';

export interface Schedule {
  timing: StreamTiming;
  /** Built when needed: the events and their due times (engine clock ms). */
  events: Json[] | undefined;
  times: number[];
  /** When the response is done (engine clock ms). */
  endAt: number;
}

export function scheduleResponse(
  ctx: RequestContext,
  req: ResponseRequest,
  scripted: ScriptedReply | undefined,
  final: Json,
  options: EventOptions,
): Schedule {
  const pacing = pacingFor(ctx, scripted);
  const startedAt = ctx.engine.clock.now();
  const timing: StreamTiming = {
    startedAt,
    queuedMs: 0,
    firstTokenMs: pacing.firstTokenMs,
    intervalMs: tokenGapMs(pacing),
    runMs: 0,
  };
  if (!req.stream && !req.background && timing.firstTokenMs === 0 && timing.intervalMs === 0)
    return { timing, events: undefined, times: [], endAt: startedAt };
  const events = responseEvents(final, options);
  if (req.background) {
    const opts = responsesOptions.of(ctx.engine);
    timing.queuedMs = opts.backgroundQueuedMs;
    timing.runMs = opts.backgroundRunMs;
    const deltas = deltaCount(events);
    if (timing.intervalMs === 0 && deltas > 1)
      timing.intervalMs = Math.max(0, timing.runMs - timing.firstTokenMs) / deltas;
  }
  const times = eventTimes(events, timing);
  return { timing, events, times, endAt: times[times.length - 1]! };
}
