/**
 * When each event of a response is due, and the stream that sends them on time. Lifecycle events are
 * immediate (background: `response.in_progress` once the queue time has passed); the first content event
 * waits `firstTokenMs`; each further delta waits `intervalMs`. Times are on the engine's clock, so a
 * resumed stream (`starting_after`) or a stream following a background response keeps the same schedule,
 * and virtual-clock tests never really sleep.
 */
import type { EngineCore } from '../../engine/context.js';
import type { SseEvent } from '../../engine/types.js';
import type { Json, StreamTiming } from './response-store.js';

const LIFECYCLE = new Set(['response.created', 'response.queued', 'response.in_progress']);
const TERMINAL = new Set(['response.completed', 'response.incomplete', 'response.failed']);

/** Absolute due times (engine clock ms), one per event. */
export function eventTimes(events: readonly Json[], timing: StreamTiming): number[] {
  const times: number[] = [];
  let t = timing.startedAt;
  let content = false;
  let deltas = 0;
  for (const event of events) {
    const type: string = event['type'];
    if (type === 'response.in_progress') t = Math.max(t, timing.startedAt + timing.queuedMs);
    else if (TERMINAL.has(type)) t = Math.max(t, timing.startedAt + timing.queuedMs + timing.runMs);
    else if (!LIFECYCLE.has(type)) {
      if (!content) t += timing.firstTokenMs;
      content = true;
      if (type.endsWith('.delta') && deltas++ > 0) t += timing.intervalMs;
    }
    times.push(t);
  }
  return times;
}

/** How many delta events a stream has: what pacing spreads its time over. */
export const deltaCount = (events: readonly Json[]) =>
  events.filter((e) => String(e['type']).endsWith('.delta')).length;

export interface PacedStreamOptions {
  /** Only events with a larger `sequence_number` are sent (a resumed stream). */
  startingAfter?: number | undefined;
  signal?: AbortSignal | undefined;
  /** Consulted after each wait: a time (engine ms) after which nothing more is sent, e.g. when cancelled. */
  cutoff?: (() => Promise<number | undefined>) | undefined;
}

export function pacedEvents(
  engine: EngineCore,
  events: readonly Json[],
  times: readonly number[],
  opts: PacedStreamOptions = {},
): AsyncIterable<SseEvent> {
  return {
    async *[Symbol.asyncIterator]() {
      let cutoff = opts.cutoff ? await opts.cutoff() : undefined;
      for (const [i, event] of events.entries()) {
        if (opts.startingAfter !== undefined && event['sequence_number'] <= opts.startingAfter) continue;
        const due = times[i]!;
        const wait = due - engine.clock.now();
        if (wait > 0) {
          await sleep(engine, wait, opts.signal);
          if (opts.cutoff) cutoff = await opts.cutoff();
        }
        if (cutoff !== undefined && due > cutoff) return;
        yield { event: event['type'], data: event };
      }
    },
  };
}

/**
 * A wait on the engine clock that leaves no listener on a long-lived signal: each wait gets its own child
 * signal (a clock may keep its listener on the signal it is given until that signal aborts).
 */
async function sleep(engine: EngineCore, ms: number, signal: AbortSignal | undefined): Promise<void> {
  if (!signal) return engine.clock.sleep(ms);
  const child = new AbortController();
  const forward = () => child.abort(signal.reason);
  if (signal.aborted) forward();
  else signal.addEventListener('abort', forward, { once: true });
  try {
    await engine.clock.sleep(ms, child.signal);
  } finally {
    signal.removeEventListener('abort', forward);
  }
}
