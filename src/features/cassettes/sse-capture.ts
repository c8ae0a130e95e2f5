import { createParser } from 'eventsource-parser';
import type { SseEvent } from '../../engine/index.js';
import { ConnectionCutError } from '../../engine/types.js';
import type { RecordedEvent } from '../../record/format.js';

export interface CapturedStream {
  /** The events as they arrive, for the client. Throws `ConnectionCutError` when the upstream dropped. */
  events: AsyncIterable<SseEvent>;
  /** Resolves once the upstream stream has ended: every event with its offset, and how it ended. */
  done: Promise<{ events: RecordedEvent[]; end: 'done' | 'cut' }>;
}

/**
 * Reads an upstream event stream to its end on its own, whatever the client does, so that a client that
 * stops early still leaves a whole recording; the client gets each event as soon as it is parsed.
 */
export function captureStream(body: ReadableStream<Uint8Array> | null, started: number): CapturedStream {
  const recorded: RecordedEvent[] = [];
  const queue: SseEvent[] = [];
  let finished: 'done' | 'cut' | undefined;
  let wake: (() => void) | undefined;
  const notify = () => {
    wake?.();
    wake = undefined;
  };
  const parser = createParser({
    onEvent(message) {
      const event: SseEvent = { data: message.data };
      const entry: RecordedEvent = {
        ms: Math.round(performance.now() - started),
        data: storedData(message.data),
      };
      if (message.event !== undefined) entry.event = event.event = message.event;
      if (message.id !== undefined) entry.id = event.id = message.id;
      recorded.push(entry);
      queue.push(event);
      notify();
    },
  });
  const done = (async () => {
    const decoder = new TextDecoder();
    try {
      if (body)
        for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
          parser.feed(decoder.decode(chunk, { stream: true }));
      parser.feed(decoder.decode());
      finished = 'done';
    } catch {
      finished = 'cut';
    }
    notify();
    return { events: recorded, end: finished };
  })();
  async function* events(): AsyncIterable<SseEvent> {
    for (;;) {
      const next = queue.shift();
      if (next) {
        yield next;
        continue;
      }
      if (finished === 'cut') throw new ConnectionCutError('the upstream dropped the stream');
      if (finished === 'done') return;
      await new Promise<void>((resolve) => (wake = resolve));
    }
  }
  return { events: events(), done };
}

/** JSON that re-encodes to the very same text is stored parsed (readable, checkable); anything else as text. */
function storedData(text: string): unknown {
  if (!text.startsWith('{') && !text.startsWith('[')) return text;
  try {
    const value: unknown = JSON.parse(text);
    return JSON.stringify(value) === text ? value : text;
  } catch {
    return text;
  }
}
