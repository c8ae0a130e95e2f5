import type { Clock, MockResponse, SseEvent } from '../../engine/index.js';
import { ConnectionCutError } from '../../engine/types.js';
import type { Interaction, RecordedEvent } from '../../record/format.js';

export interface ReplayTiming {
  /** `'instant'` sends events back to back; a number scales the recorded gaps (1 = as recorded, 2 = twice as fast). */
  speed: number | 'instant';
  clock: Clock;
  signal?: AbortSignal | undefined;
}

/** A recorded response as the engine's plain response: JSON as JSON, bytes as bytes, streams event-exact. */
export function replayResponse(interaction: Interaction, timing: ReplayTiming): MockResponse {
  const { status, body } = interaction.response;
  const headers = { ...interaction.response.headers };
  if (!body) return { status, headers, body: { kind: 'none' } };
  if ('json' in body) {
    delete headers['content-type'];
    return { status, headers, body: { kind: 'json', value: body.json } };
  }
  if ('text' in body)
    return { status, headers, body: { kind: 'text', value: body.text, contentType: body.contentType } };
  if ('base64' in body)
    return {
      status,
      headers,
      body: { kind: 'bytes', value: Buffer.from(body.base64, 'base64'), contentType: body.contentType },
    };
  delete headers['content-type'];
  return { status, headers, body: { kind: 'sse', events: replayEvents(body.sse, body.end, timing) } };
}

async function* replayEvents(
  events: readonly RecordedEvent[],
  end: 'done' | 'cut',
  timing: ReplayTiming,
): AsyncIterable<SseEvent> {
  let last = 0;
  for (const e of events) {
    if (timing.speed !== 'instant' && e.ms > last)
      await timing.clock.sleep((e.ms - last) / timing.speed, timing.signal);
    last = Math.max(last, e.ms);
    const event: SseEvent = { data: e.data };
    if (e.event !== undefined) event.event = e.event;
    if (e.id !== undefined) event.id = e.id;
    yield event;
  }
  // The upstream dropped this stream mid-way when it was recorded; drop it again.
  if (end === 'cut') throw new ConnectionCutError('the recorded stream was cut');
}
