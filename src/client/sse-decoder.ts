// Bytes -> server-sent events, incrementally. Two layers, each with one job:
//  - TextDecoder in streaming mode keeps a multibyte character cut between chunks until its last byte.
//  - eventsource-parser splits lines on CR, LF and CRLF (it holds back a CR that ends a chunk until it
//    sees whether an LF follows), assembles fields into events, and keeps unfinished lines as a list of
//    fragments joined once, so a multi-megabyte event arriving in many chunks costs linear time.
// An event left unfinished when the bytes end is dropped, as the SSE specification says.

import { createParser, type EventSourceMessage } from 'eventsource-parser';

export interface SSEEvent {
  /** The `event:` field, undefined when the event had none. */
  event: string | undefined;
  /** The `data:` lines, joined with `\n`. */
  data: string;
  id: string | undefined;
}

export interface SSEDecoder {
  /** Feeds one chunk; returns the events it completed. */
  push(chunk: Uint8Array): SSEEvent[];
  /** Signals the end of the bytes; returns what the last chunk completed. */
  end(): SSEEvent[];
}

export function createSSEDecoder(): SSEDecoder {
  const text = new TextDecoder('utf-8');
  let ready: SSEEvent[] = [];
  let endsWithCR = false;
  const parser = createParser({
    onEvent: (message: EventSourceMessage) => {
      ready.push({ event: message.event, data: message.data, id: message.id });
    },
  });
  const take = (): SSEEvent[] => {
    const out = ready;
    ready = [];
    return out;
  };
  return {
    push(chunk) {
      const decoded = text.decode(chunk, { stream: true });
      if (decoded !== '') {
        parser.feed(decoded);
        endsWithCR = decoded.endsWith('\r');
      }
      return take();
    },
    end() {
      const rest = text.decode();
      if (rest !== '') {
        parser.feed(rest);
        endsWithCR = rest.endsWith('\r');
      }
      // A CR that ended the bytes is a line ending the parser still holds back (waiting to see if an LF
      // follows); an LF releases it as one CRLF. Only then, so an unterminated event stays undispatched.
      if (endsWithCR) parser.feed('\n');
      return take();
    },
  };
}

/**
 * Reads `body` to the end, yielding events as they complete. Cancels the body if the consumer stops or
 * `signal` aborts (a fetch honours its signal by itself, but an injected fetch or a hand-made Response
 * may not, and a pending read must not outlive the abort).
 */
export async function* iterateSSE(
  body: ReadableStream<Uint8Array>,
  signal?: AbortSignal,
): AsyncGenerator<SSEEvent> {
  const decoder = createSSEDecoder();
  const reader = body.getReader();
  const cancel = (): void => void reader.cancel(signal?.reason).catch(() => {});
  signal?.addEventListener('abort', cancel, { once: true });
  let finished = false;
  try {
    while (!signal?.aborted) {
      const { value, done } = await reader.read();
      if (done) break;
      yield* decoder.push(value);
    }
    finished = !signal?.aborted;
    if (finished) yield* decoder.end();
  } finally {
    signal?.removeEventListener('abort', cancel);
    if (!finished) await reader.cancel().catch(() => {});
    reader.releaseLock();
  }
}
