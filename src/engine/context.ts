import type { Contract, Operation } from '../contract/index.js';
import { requestRandom } from '../fixtures/core.js';
import type { IdFactory, Random } from '../fixtures/index.js';
import type { AdminRouter } from './admin.js';
import type { Clock } from './clock.js';
import type { Journal, JournalEntry } from './journal.js';
import type { ModelCatalog } from './models.js';
import type { ResolvedEngineOptions } from './options.js';
import type { StoreRegistry } from './store.js';
import type { HandleOptions, MockRequest, MockResponse } from './types.js';

/** A step of the pipeline that may answer itself or call `next()` and change what comes back. */
export type Middleware = (ctx: RequestContext, next: () => Promise<MockResponse>) => Promise<MockResponse>;

/**
 * Where features plug into the pipeline, in the order they run (after routing, auth and request validation,
 * before the simulator): faults first so they can fail any request, then rate limits, then recorded traffic,
 * then scripted fixtures.
 */
export const MIDDLEWARE_SLOTS = ['faults', 'rate-limits', 'replay', 'fixtures'] as const;
export type MiddlewareSlot = (typeof MIDDLEWARE_SLOTS)[number];

/** What handlers and features see of the engine. */
export interface EngineCore {
  readonly options: ResolvedEngineOptions;
  readonly contract: Contract | undefined;
  readonly models: ModelCatalog;
  readonly stores: StoreRegistry;
  readonly clock: Clock;
  readonly ids: IdFactory;
  readonly journal: Journal;
  readonly admin: AdminRouter;
  /** Unix seconds for `created` fields; fixed when `freezeTime` is set. */
  timestamp(): number;
  /** Runs a request through the whole pipeline from inside (batch lines, background jobs). */
  handle(request: MockRequest, options?: HandleOptions): Promise<MockResponse>;
  use(slot: MiddlewareSlot, middleware: Middleware): void;
  /** Called by `reset()`, after the stores and journal are cleared. */
  onReset(fn: () => void | Promise<void>): void;
  /** Called by `close()`. */
  onClose(fn: () => void | Promise<void>): void;
  /**
   * Called for every API request (not the admin API) once its answer is known, before it is journaled; the
   * answer may still be streaming. An observer may return a replacement, e.g. the same answer with its
   * stream watched.
   */
  onResponse(fn: ResponseObserver): void;
}

/** What a response observer sees of one request and its answer, whatever step of the pipeline answered. */
export interface Exchange {
  readonly request: MockRequest;
  readonly response: MockResponse;
  /** The request's journal entry, status and fault already set. */
  readonly entry: JournalEntry;
  readonly apiKey: string | null;
  /** Aborted when the client goes away (read it only when needed: a door may build it on demand). */
  readonly signal: AbortSignal | undefined;
}

export type ResponseObserver = (exchange: Exchange) => MockResponse | undefined;

export interface RequestContext {
  readonly engine: EngineCore;
  readonly request: MockRequest;
  readonly requestId: string;
  readonly operation: Operation;
  readonly params: Record<string, string>;
  /** The parsed body: a JSON value, a `MultipartBody`, bytes, or undefined. */
  readonly body: any;
  readonly query: Record<string, string | string[]>;
  /** The `x-mock-test-id` header: scopes faults, fixture counters and the journal to one test. */
  readonly scope: string | null;
  readonly apiKey: string | null;
  readonly signal: AbortSignal | undefined;
  /** Seeded randomness for this request: same seed and same request give the same stream, in any order. */
  readonly random: Random;
  /** This request's journal entry; features note what they did (fault, source). */
  readonly entry: JournalEntry;
  /**
   * Scratch space that middleware hands to the simulator, e.g. `scriptedReply` (a `ScriptedReply` chosen by
   * the fixtures middleware, which the chat and Responses simulators render in their own shapes).
   */
  readonly locals: Record<string, unknown>;
}

type ContextInit = Omit<RequestContext, 'random' | 'locals' | 'signal'> & {
  seed: number;
  /** Read on first use of `signal`: a door may build its AbortController only when someone asks. */
  options: HandleOptions;
};

/** A class rather than an object literal with a getter: built on every request, so its shape stays fixed. */
class Context implements RequestContext {
  readonly engine: EngineCore;
  readonly request: MockRequest;
  readonly requestId: string;
  readonly operation: Operation;
  readonly params: Record<string, string>;
  readonly body: any;
  readonly query: Record<string, string | string[]>;
  readonly scope: string | null;
  readonly apiKey: string | null;
  readonly entry: JournalEntry;
  readonly locals: Record<string, unknown> = {};
  readonly #seed: number;
  readonly #options: HandleOptions;
  #random: Random | undefined;

  constructor(init: ContextInit) {
    this.engine = init.engine;
    this.request = init.request;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.params = init.params;
    this.body = init.body;
    this.query = init.query;
    this.scope = init.scope;
    this.apiKey = init.apiKey;
    this.entry = init.entry;
    this.#seed = init.seed;
    this.#options = init.options;
  }

  get signal(): AbortSignal | undefined {
    return this.#options.signal;
  }

  get random(): Random {
    this.#random ??= requestRandom(this.#seed, {
      method: this.request.method,
      path: this.operation.path,
      body: this.body instanceof Uint8Array ? this.body.byteLength : this.body,
    });
    return this.#random;
  }
}

export function createRequestContext(init: ContextInit): RequestContext {
  return new Context(init);
}
