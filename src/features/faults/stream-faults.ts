import type { Clock } from '../../engine/clock.js';
import { ConnectionCutError, type SseEvent } from '../../engine/types.js';

const isDone = (event: SseEvent) => event.data === '[DONE]';

/**
 * Delivers at most `after` events, then drops the connection. The stream's last event (a chunk with
 * `finish_reason`, `response.completed`, …) and `[DONE]` are always withheld, so a client can never mistake
 * the cut for a normal ending, however short the stream.
 */
export async function* cutStream(events: AsyncIterable<SseEvent>, after: number): AsyncIterable<SseEvent> {
  const iterator = events[Symbol.asyncIterator]();
  let sent = 0;
  try {
    let held = await nextEvent(iterator);
    while (held && sent < after) {
      const following = await nextEvent(iterator);
      if (!following) break;
      yield held;
      sent++;
      held = following;
    }
  } finally {
    await iterator.return?.();
  }
  throw new ConnectionCutError(`openai-mock: stream cut after ${sent} events (fault)`);
}

async function nextEvent(iterator: AsyncIterator<SseEvent>): Promise<SseEvent | undefined> {
  for (;;) {
    const next = await iterator.next();
    if (next.done) return undefined;
    if (!isDone(next.value)) return next.value;
  }
}

/**
 * After `after` good events, the next one arrives with its JSON cut in half (as a broken proxy or a bug
 * upstream would deliver it); the rest of the stream follows unchanged.
 */
export async function* malformStream(
  events: AsyncIterable<SseEvent>,
  after: number,
): AsyncIterable<SseEvent> {
  let index = 0;
  let broken = false;
  for await (const event of events) {
    if (!broken && (index === after || isDone(event))) {
      broken = true;
      yield malformed(isDone(event) ? { data: { id: 'malformed', object: 'chat.completion.chunk' } } : event);
      if (!isDone(event)) {
        index++;
        continue;
      }
    }
    index++;
    yield event;
  }
}

function malformed(event: SseEvent): SseEvent {
  const json = typeof event.data === 'string' ? event.data : JSON.stringify(event.data);
  const half = json.slice(0, Math.max(1, Math.ceil(json.length / 2)));
  const head = event.event !== undefined ? `event: ${event.event}\n` : '';
  return { ...event, data: half, raw: `${head}data: ${half}\n\n` };
}

/**
 * Waits `ttftMs` before the first event and `intervalMs` between the next ones, on the engine's clock, and
 * stops quietly when the client goes away.
 */
export async function* slowStream(
  events: AsyncIterable<SseEvent>,
  pacing: { ttftMs: number; intervalMs: number },
  clock: Clock,
  signal: AbortSignal | undefined,
): AsyncIterable<SseEvent> {
  let first = true;
  for await (const event of events) {
    const wait = first ? pacing.ttftMs : isDone(event) ? 0 : pacing.intervalMs;
    first = false;
    if (wait > 0) {
      try {
        await clock.sleep(wait, signal);
      } catch {
        return;
      }
    }
    yield event;
  }
}
