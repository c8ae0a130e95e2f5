// A typed, single-use async iterable over a server-sent-event response.
//  - It never ends quietly on a failure: an `error` event throws APIError, and a connection cut or a body
//    that ends before the stream's completion marker (`[DONE]` for chat, a terminal event for Responses)
//    throws APIConnectionError.
//  - Breaking out of the loop aborts the request. `stream.controller.abort()` ends the loop quietly (the
//    consumer asked for it, as in the official SDK); the call's `signal` makes it throw APIUserAbortError,
//    as it does for any other call, so code after the loop cannot mistake a cut answer for a whole one.
//  - It can be consumed once; `tee()` splits it into two independent readers.

import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  isOpenAIClientError,
  OpenAIClientError,
} from './errors.js';
import { iterateSSE, type SSEEvent } from './sse-decoder.js';

/** How a well-formed stream says it is complete. */
export type StreamCompletion =
  | { kind: 'done-marker' }
  | { kind: 'terminal-event'; types: readonly string[] }
  | { kind: 'none' };

export interface SSEStreamOptions<T> {
  completion: StreamCompletion;
  /** The call's signal: aborting it throws APIUserAbortError from the loop. */
  userSignal?: AbortSignal | undefined;
  /** Sees every item before the consumer (usage metering). */
  onItem?: ((item: T) => void) | undefined;
  /** Milliseconds the body may go without a byte before the stream throws APIConnectionTimeoutError. */
  idleTimeout?: number | undefined;
  /** Called once when the stream is finished, whichever way (with the error that ended it, if one did). */
  onSettle?: ((error?: unknown) => void) | undefined;
}

export class Stream<T> implements AsyncIterable<T> {
  /** Aborting it cancels the request and ends the loop quietly. */
  readonly controller: AbortController;
  /** The HTTP response the stream reads, when there is one (headers, `x-request-id`). */
  readonly response: Response | undefined;
  readonly #iterate: () => AsyncIterator<T>;
  #consumed = false;

  constructor(iterate: () => AsyncIterator<T>, controller: AbortController, response?: Response) {
    this.#iterate = iterate;
    this.controller = controller;
    this.response = response;
  }

  static fromSSEResponse<T>(
    response: Response,
    controller: AbortController,
    options: SSEStreamOptions<T>,
  ): Stream<T> {
    return new Stream(() => readItems(response, controller, options), controller, response);
  }

  [Symbol.asyncIterator](): AsyncIterator<T> {
    if (this.#consumed) {
      throw new OpenAIClientError(
        'Stream: this stream was already consumed; call tee() before reading it twice',
      );
    }
    this.#consumed = true;
    return this.#iterate();
  }

  /** Splits the stream into two that can be read independently; the request stops when both stop. */
  tee(): [Stream<T>, Stream<T>] {
    const source = this[Symbol.asyncIterator]();
    const queues: [Promise<IteratorResult<T>>[], Promise<IteratorResult<T>>[]] = [[], []];
    const open = [true, true];
    const side = (mine: 0 | 1): AsyncIterator<T> => ({
      next: () => {
        if (queues[mine].length === 0) {
          const result = source.next();
          queues[0].push(result);
          queues[1].push(result);
        }
        return queues[mine].shift() as Promise<IteratorResult<T>>;
      },
      return: async () => {
        open[mine] = false;
        queues[mine].length = 0;
        if (!open[0] && !open[1]) await source.return?.();
        return { done: true, value: undefined };
      },
    });
    return [
      new Stream(() => side(0), this.controller, this.response),
      new Stream(() => side(1), this.controller, this.response),
    ];
  }

  /** The items as newline-delimited JSON bytes, e.g. to relay a stream to a browser. */
  toReadableStream(): ReadableStream<Uint8Array> {
    const encoder = new TextEncoder();
    let iterator: AsyncIterator<T> | undefined;
    return new ReadableStream<Uint8Array>({
      start: () => {
        iterator = this[Symbol.asyncIterator]();
      },
      pull: async (ctrl) => {
        const next = await (iterator as AsyncIterator<T>).next();
        if (next.done) ctrl.close();
        else ctrl.enqueue(encoder.encode(`${JSON.stringify(next.value)}\n`));
      },
      cancel: async () => {
        await iterator?.return?.();
      },
    });
  }
}

async function* readItems<T>(response: Response, controller: AbortController, options: SSEStreamOptions<T>) {
  const { completion, userSignal } = options;
  let complete = false;
  let failure: unknown;
  try {
    if (!response.body) throw new OpenAIClientError('Stream: the response has no body to read events from');
    const body =
      options.idleTimeout === undefined
        ? response.body
        : idleGuard(response.body, options.idleTimeout, controller, 'Stream');
    for await (const event of iterateSSE(body, controller.signal)) {
      if (event.data === '[DONE]') {
        complete = true;
        break;
      }
      const item = parseItem(event);
      if (isErrorEvent(event, item)) throw streamError(item, response.headers);
      options.onItem?.(item as T);
      yield item as T;
      if (completion.kind === 'terminal-event' && completion.types.includes(typeOf(item))) complete = true;
    }
    // An abort cancels the body, which then looks like an early end: say what really happened.
    if (!complete && controller.signal.aborted) {
      if (userSignal?.aborted) throw new APIUserAbortError();
      return;
    }
    if (!complete && completion.kind !== 'none') {
      const marker =
        completion.kind === 'done-marker'
          ? 'the [DONE] marker'
          : `a terminal event (${completion.types.join(', ')})`;
      throw new APIConnectionError(`Stream: the response ended before ${marker}; the answer is incomplete`);
    }
  } catch (error) {
    failure = error;
    if (userSignal?.aborted) failure = new APIUserAbortError();
    else if (controller.signal.aborted && !isOpenAIClientError(error)) failure = undefined;
    else if (!isOpenAIClientError(error))
      failure = new APIConnectionError(`Stream: the connection was lost mid-stream: ${String(error)}`, {
        cause: error,
      });
    if (failure !== undefined) throw failure;
  } finally {
    // Whatever ended the loop early (break, error), the request must not keep running.
    if (!complete) controller.abort();
    options.onSettle?.(failure);
  }
}

function parseItem(event: SSEEvent): unknown {
  try {
    return JSON.parse(event.data);
  } catch (cause) {
    const preview = event.data.length > 120 ? `${event.data.slice(0, 120)}…` : event.data;
    throw new OpenAIClientError(`Stream: an event's data is not JSON: ${JSON.stringify(preview)}`, { cause });
  }
}

function isErrorEvent(event: SSEEvent, item: unknown): boolean {
  if (event.event === 'error') return true;
  if (typeof item !== 'object' || item === null) return false;
  const record = item as Record<string, unknown>;
  return record['type'] === 'error' || (typeof record['error'] === 'object' && record['error'] !== null);
}

function streamError(item: unknown, headers: Headers): APIError {
  const record = (typeof item === 'object' && item !== null ? item : { message: String(item) }) as Record<
    string,
    unknown
  >;
  const inner = record['error'];
  const body = (typeof inner === 'object' && inner !== null ? inner : record) as Record<string, unknown>;
  const message = typeof body['message'] === 'string' ? body['message'] : JSON.stringify(body);
  return new APIError(undefined, body, message, headers);
}

function typeOf(item: unknown): string {
  const type =
    typeof item === 'object' && item !== null ? (item as Record<string, unknown>)['type'] : undefined;
  return typeof type === 'string' ? type : '';
}

/** The same response, its body guarded by an idle timeout (downloads, streamed speech). */
export function withIdleTimeout(response: Response, idleTimeoutMs: number): Response {
  if (!response.body) return response;
  const controller = new AbortController();
  const body = idleGuard(response.body, idleTimeoutMs, controller, 'Download');
  return new Response(body, {
    status: response.status,
    statusText: response.statusText,
    headers: response.headers,
  });
}

/**
 * Passes `body` through, failing it with APIConnectionTimeoutError when no chunk arrives for `ms`
 * (counted from each read, so the time the consumer takes between reads is not held against the server).
 * It also aborts `controller`, which cancels the request.
 */
function idleGuard(
  body: ReadableStream<Uint8Array>,
  ms: number,
  controller: AbortController,
  what: string,
): ReadableStream<Uint8Array> {
  const reader = body.getReader();
  let stalled = false;
  return new ReadableStream<Uint8Array>({
    async pull(ctrl) {
      const timer = setTimeout(() => {
        stalled = true;
        const error = new APIConnectionTimeoutError(
          `${what}: no data for ${ms} ms (idleTimeout); the answer is incomplete`,
        );
        ctrl.error(error);
        controller.abort(error);
        reader.cancel(error).catch(() => {});
      }, ms);
      try {
        const { value, done } = await reader.read();
        if (stalled) return;
        if (done) ctrl.close();
        else ctrl.enqueue(value);
      } catch (error) {
        if (!stalled) ctrl.error(error);
      } finally {
        clearTimeout(timer);
      }
    },
    cancel(reason) {
      return reader.cancel(reason);
    },
  });
}
