import { encodeSseEvent, SSE_HEADERS } from './sse.js';
import { ConnectionCutError, type MockResponse, type SseEvent } from './types.js';

/**
 * A response as it goes on the wire, for a door to hand to its transport without knowing OpenAI: status,
 * headers (content type included), and the body as text, bytes, or a stream of bytes. A stream that throws
 * means "drop the connection now": a planned cut throws at once, any other failure first sends the OpenAI
 * error event a failed stream carries, then throws.
 */
export interface WireResponse {
  status: number;
  headers: Record<string, string>;
  body: string | Uint8Array | AsyncIterable<Uint8Array> | null;
  /** Destroy the connection without answering (a `reset` fault). */
  reset: boolean;
}

const JSON_TYPE = 'application/json; charset=utf-8';

/** Encodes a plain response; `signal` (the client went away) stops a stream early. */
export function toWire(response: MockResponse, signal?: AbortSignal): WireResponse {
  const { status, body } = response;
  const headers = { ...response.headers };
  const reset = response.connection === 'reset';
  switch (body.kind) {
    case 'json':
      return {
        status,
        headers: { ...headers, 'content-type': JSON_TYPE },
        body: JSON.stringify(body.value),
        reset,
      };
    case 'bytes':
    case 'text':
      return { status, headers: { ...headers, 'content-type': body.contentType }, body: body.value, reset };
    case 'none':
      return { status, headers, body: null, reset };
    case 'sse':
      return { status, headers: { ...headers, ...SSE_HEADERS }, body: sseBytes(body.events, signal), reset };
  }
}

const encoder = new TextEncoder();

async function* sseBytes(
  events: AsyncIterable<SseEvent>,
  signal: AbortSignal | undefined,
): AsyncIterable<Uint8Array> {
  const iterator = events[Symbol.asyncIterator]();
  try {
    // The signal is checked before each pull: a client that went away makes the producer stop at once.
    while (!signal?.aborted) {
      const next = await iterator.next();
      if (next.done) return;
      yield encoder.encode(encodeSseEvent(next.value));
    }
  } catch (error) {
    if (error instanceof ConnectionCutError) throw error;
    // What the real API sends when a stream fails mid-way: an `error` event, then the connection ends.
    yield encoder.encode(
      encodeSseEvent({
        event: 'error',
        data: { error: { message: String(error), type: 'server_error', param: null, code: null } },
      }),
    );
    throw new ConnectionCutError(`the stream failed: ${String(error)}`, { cause: error });
  } finally {
    await iterator.return?.();
  }
}
