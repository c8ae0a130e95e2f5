// The base of the stream helpers (`chat.completions.stream()`, `responses.stream()`): it reads a Stream
// to the end as soon as it is created (like the official SDK's EventStream), hands every item to the
// subclass to accumulate and to `on(...)` listeners, and queues items for one `for await` reader.
// Errors reach whoever asks: the loop, `done()`, the `final…()` methods and `on('error')` listeners; a
// failure nobody asks about stays quiet instead of crashing the process.

import { APIUserAbortError, OpenAIClientError } from './errors.js';
import type { Stream } from './stream.js';

type Listener = (...args: any[]) => void;

export interface BaseEvents {
  connect: () => void;
  error: (error: unknown) => void;
  abort: (error: APIUserAbortError) => void;
  end: () => void;
}

export abstract class EventStream<Item, Events extends BaseEvents & { [K in keyof Events]: Listener }>
  implements AsyncIterable<Item>
{
  /** Aborting it cancels the request; the loop and `done()` then reject with APIUserAbortError. */
  readonly controller = new AbortController();
  readonly #listeners = new Map<keyof Events, Set<Listener>>();
  readonly #queue: Item[] = [];
  #wake: (() => void) | undefined;
  #ended = false;
  #error: unknown;
  #iterated = false;
  readonly #done: Promise<void>;

  constructor(open: (signal: AbortSignal) => PromiseLike<Stream<Item>>) {
    // One microtask later, so subclass fields exist before the first item arrives.
    this.#done = Promise.resolve().then(() => this.#run(open));
    this.#done.catch(() => {});
  }

  /** Adds a listener; returns this, for chaining. */
  on<E extends keyof Events>(event: E, listener: Events[E]): this {
    const set = this.#listeners.get(event) ?? new Set<Listener>();
    this.#listeners.set(event, set);
    set.add(listener as Listener);
    return this;
  }

  off<E extends keyof Events>(event: E, listener: Events[E]): this {
    this.#listeners.get(event)?.delete(listener as Listener);
    return this;
  }

  once<E extends keyof Events>(event: E, listener: Events[E]): this {
    const wrapped = ((...args: unknown[]) => {
      this.off(event, wrapped as Events[E]);
      (listener as Listener)(...args);
    }) as Events[E];
    return this.on(event, wrapped);
  }

  /** Resolves when the stream has been read to its end; rejects with what ended it otherwise. */
  done(): Promise<void> {
    return this.#done;
  }

  abort(): void {
    this.controller.abort();
  }

  /** @internal Calls every listener of `event`. */
  protected _emit<E extends keyof Events>(event: E, ...args: Parameters<Events[E]>): void {
    this.#emit(event, ...args);
  }

  #emit(event: keyof Events, ...args: unknown[]): void {
    for (const listener of this.#listeners.get(event) ?? []) listener(...args);
  }

  /** Accumulates one item and emits the subclass's events for it. */
  protected abstract _item(item: Item): void;

  async #run(open: (signal: AbortSignal) => PromiseLike<Stream<Item>>): Promise<void> {
    try {
      const stream = await open(this.controller.signal);
      this.#emit('connect');
      for await (const item of stream) {
        // A listener may abort while items of the same network chunk are still queued.
        if (this.controller.signal.aborted) throw new APIUserAbortError();
        this._item(item);
        this.#queue.push(item);
        this.#wake?.();
      }
      this.#ended = true;
      this.#emit('end');
    } catch (error) {
      this.#error =
        error instanceof APIUserAbortError || this.controller.signal.aborted ? abortError(error) : error;
      if (this.#error instanceof APIUserAbortError) this.#emit('abort', this.#error);
      this.#emit('error', this.#error);
      this.#ended = true;
      throw this.#error;
    } finally {
      this.#wake?.();
    }
  }

  async *[Symbol.asyncIterator](): AsyncIterator<Item> {
    if (this.#iterated) {
      throw new OpenAIClientError(
        'stream helper: it can be iterated once; use on(...) listeners for more readers',
      );
    }
    this.#iterated = true;
    try {
      for (;;) {
        const item = this.#queue.shift();
        if (item !== undefined) {
          yield item;
          continue;
        }
        if (this.#ended) break;
        await new Promise<void>((resolve) => {
          this.#wake = resolve;
        });
        this.#wake = undefined;
      }
      if (this.#error !== undefined) throw this.#error;
    } finally {
      // Leaving the loop early (break) stops the request, as with a plain Stream.
      if (!this.#ended) this.controller.abort();
    }
  }
}

function abortError(error: unknown): APIUserAbortError {
  return error instanceof APIUserAbortError ? error : new APIUserAbortError();
}
