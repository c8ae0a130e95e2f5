// What every call returns: a Promise of the parsed data that also offers the HTTP response, as the
// official SDK's APIPromise does.
//  - `await call` gives the data (JSON, a Stream, a page, …).
//  - `await call.withResponse()` gives `{ data, response, request_id }`.
//  - `await call.asResponse()` gives the raw Response with its body unread (for JSON calls too): the call
//    is sent in "raw" mode when `asResponse()` is asked for in the same tick as the call, which is how it
//    is always written (`client.models.list().asResponse()`). The request still starts on its own one
//    microtask later, so a call nobody awaits is sent, as with the official SDK.

import { OpenAIClientError } from './errors.js';

export type CallMode = 'parsed' | 'raw';

/** What the transport delivers for one call: the parsed data (absent in raw mode) and the response. */
export interface Delivery {
  data: unknown;
  response: Response;
}

/** Starts a call once, in the first mode asked for; later asks share that start. */
export class CallHandle {
  #started: Promise<Delivery> | undefined;
  #mode: CallMode | undefined;

  constructor(private readonly run: (mode: CallMode) => Promise<Delivery>) {}

  start(mode: CallMode): Promise<Delivery> {
    if (!this.#started) {
      this.#mode = mode;
      this.#started = this.run(mode);
    }
    return this.#started;
  }

  get mode(): CallMode | undefined {
    return this.#mode;
  }
}

export interface WithResponse<T> {
  data: T;
  response: Response;
  /** The `x-request-id` header, to quote when reporting a problem. */
  request_id: string | null;
}

export type Transform<T> = (data: unknown, response: Response) => T | Promise<T>;

export class APIPromise<T> extends Promise<T> {
  /** @internal */
  declare readonly _handle: CallHandle;
  /** @internal */
  declare readonly _transform: Transform<T>;
  #parsed: Promise<T> | undefined;

  constructor(handle: CallHandle, transform: Transform<T> = (data) => data as T) {
    // No-op executor: `then` and friends are overridden to read from the handle.
    super((resolve) => resolve(null as T));
    // Internal fields stay out of console.log and JSON (the promise is a value users print).
    Object.defineProperty(this, '_handle', { value: handle, enumerable: false });
    Object.defineProperty(this, '_transform', { value: transform, enumerable: false });
    queueMicrotask(() => {
      // Eager like the SDK; an unobserved failure is left to whoever awaits (or to the runtime's report).
      if (!handle.mode) this.#parse().catch(() => {});
    });
  }

  // Derived promises (from `.then`) are plain Promises.
  static override get [Symbol.species]() {
    return Promise;
  }

  /** A promise of `transform(data)` over the same call (resources add `output_text`, `parsed`, …). */
  _thenUnwrap<U>(transform: (data: T, response: Response) => U | Promise<U>): APIPromise<U> {
    return new APIPromise<U>(this._handle, async (data, response) =>
      transform(await this._transform(data, response), response),
    );
  }

  /** The raw Response. Asked for right away, its body is unread; asked for later, it was already read. */
  asResponse(): Promise<Response> {
    return this._handle.start('raw').then((delivery) => delivery.response);
  }

  /** The data, the raw Response (its body read) and the request id. */
  async withResponse(): Promise<WithResponse<T>> {
    const data = await this.#parse();
    const { response } = await this._handle.start('parsed');
    return { data, response, request_id: response.headers.get('x-request-id') };
  }

  #parse(): Promise<T> {
    this.#parsed ??= this._handle.start('parsed').then((delivery) => {
      if (this._handle.mode === 'raw') {
        throw new OpenAIClientError(
          'APIPromise: this call was sent for asResponse(), so its body is yours to read; call withResponse() instead to get both',
        );
      }
      return this._transform(delivery.data, delivery.response);
    });
    return this.#parsed;
  }

  // biome-ignore lint/suspicious/noThenProperty: a promise subclass must override then.
  override then<A = T, B = never>(
    onfulfilled?: ((value: T) => A | PromiseLike<A>) | null,
    onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null,
  ): Promise<A | B> {
    return this.#parse().then(onfulfilled, onrejected);
  }

  override catch<B = never>(onrejected?: ((reason: unknown) => B | PromiseLike<B>) | null): Promise<T | B> {
    return this.#parse().catch(onrejected);
  }

  override finally(onfinally?: (() => void) | null): Promise<T> {
    return this.#parse().finally(onfinally);
  }
}
