import type { Contract, Operation, Violation } from '../contract/index.js';
import { type ApiKind, type ConversationView, conversationView, requestRandom } from '../fixtures/core.js';
import type { IdFactory, Random } from '../fixtures/index.js';
import type { ScriptedReply } from '../fixtures/scripted/reply.js';
import type { AdminRouter } from './admin.js';
import { isMultipart } from './body.js';
import type { Clock } from './clock.js';
import type { Journal, JournalEntry } from './journal.js';
import type { ModelCatalog } from './models.js';
import type { ResolvedEngineOptions } from './options.js';
import type { StoreRegistry } from './store.js';
import type { HandleOptions, MockRequest, MockResponse } from './types.js';

/** A step of the middleware chain that may answer itself or call `next()` and change what comes back. */
export type Middleware = (ctx: RequestContext, next: () => Promise<MockResponse>) => Promise<MockResponse>;

/**
 * The positions of the middleware chain, in the order they run (after admission, authentication and request
 * validation, before the simulator): faults first so they can fail any request, then rate limits, then
 * recorded traffic (which may name models the catalog lacks), then the core's model check, then scripted
 * replies. Features pick a position with `engine.use(slot, middleware)`.
 */
export const MIDDLEWARE_SLOTS = ['faults', 'rate-limits', 'replay', 'model', 'scripted'] as const;
export type MiddlewareSlot = (typeof MIDDLEWARE_SLOTS)[number];

/** What simulators and features see of the engine. */
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

/** What a simulator declares about its operation, read by the pipeline and by features. */
export interface OperationTraits {
  /**
   * Body fields that shape how the answer is cut or delivered rather than what the model says: left out of
   * the request's seed (`ctx.random`), so `stop` and `max_tokens` cut the same answer the plain request
   * gets and choice 0 reads the same whatever `n` is. `stream` and `stream_options` always are.
   */
  deliveryParams?: ReadonlySet<string>;
  /**
   * The request is a conversation (chat, Responses): scripted rules and the simulator read it through
   * `ctx.conversation()`; `history` loads the earlier turns it continues (a chain or a conversation).
   */
  conversation?: {
    api: ApiKind;
    history?(ctx: RequestContext): Promise<readonly unknown[]>;
  };
}

/** What a fault (or a rate limit) did to a request, for the journal. */
export interface FaultNote {
  ruleId: string;
  type: string;
  status?: number;
}

/**
 * One request on its way through the pipeline (`pipeline.ts`). Each group of fields belongs to the stage
 * that sets it; later stages only read it. The journal entry is written once, from these fields, at the end.
 */
export interface RequestContext {
  // ── admit: the request, parsed and routed to its operation ──
  readonly engine: EngineCore;
  readonly request: MockRequest;
  readonly requestId: string;
  readonly operation: Operation;
  readonly params: Record<string, string>;
  /** What the operation's simulator declares; undefined when the generic responder answers it. */
  readonly handler: OperationTraits | undefined;
  /** The parsed body: a JSON value, a `MultipartBody`, bytes, or undefined. */
  readonly body: any;
  readonly query: Record<string, string | string[]>;
  /** The `x-mock-test-id` header: scopes faults, fixture counters and the journal to one test. */
  readonly scope: string | null;
  /** The request asks for an event stream (`"stream": true`). */
  readonly stream: boolean;
  readonly signal: AbortSignal | undefined;
  /**
   * The request's one seeded random: same seed and same request give the same stream, in any order. The
   * simulator's `deliveryParams` are left out of the seed (a `stop` cuts the same answer the plain request gets).
   */
  readonly random: Random;
  // ── authenticate ──
  /** The bearer (or `api-key`) credential; the authenticate stage decides whether it is accepted. */
  readonly apiKey: string | null;
  // ── route to model ──
  /** The `model` the request names (JSON or multipart), or null; checked against the catalog in the `model` slot. */
  readonly model: string | null;
  // ── validate and check: contract violations noted rather than refused (`warn`, response checks) ──
  readonly violations: Violation[];
  // ── middleware chain: what features did ──
  /** Set when a fault rule (or a rate limit) fired. */
  fault: FaultNote | null;
  /** Set when the answer came from elsewhere than the simulator: `fixture:<rule>`, `cassette`, `upstream`, … */
  source: string | null;
  /** The reply a scripted rule chose; chat and Responses render it in their own shapes. */
  scriptedReply: ScriptedReply | undefined;
  /**
   * The request read as a conversation (for operations whose simulator declares one: chat, Responses), with
   * the earlier turns it continues; computed once, by whoever asks first (scripted rules or the simulator).
   */
  conversation(): Promise<ConversationView | undefined>;
}

export interface ContextInit {
  engine: EngineCore;
  request: MockRequest;
  requestId: string;
  operation: Operation;
  params: Record<string, string>;
  handler: OperationTraits | undefined;
  body: unknown;
  seed: number;
  /** Read on first use of `signal`: a door may build its AbortController only when someone asks. */
  options: HandleOptions;
}

/** A class rather than an object literal with getters: built on every request, so its shape stays fixed. */
export class Context implements RequestContext {
  readonly engine: EngineCore;
  readonly request: MockRequest;
  readonly requestId: string;
  readonly operation: Operation;
  readonly params: Record<string, string>;
  readonly handler: OperationTraits | undefined;
  readonly body: any;
  readonly query: Record<string, string | string[]>;
  readonly scope: string | null;
  readonly stream: boolean;
  readonly apiKey: string | null;
  readonly model: string | null;
  readonly violations: Violation[] = [];
  fault: FaultNote | null = null;
  source: string | null = null;
  scriptedReply: ScriptedReply | undefined = undefined;
  readonly #seed: number;
  readonly #options: HandleOptions;
  #random: Random | undefined;
  #conversation: Promise<ConversationView | undefined> | undefined;

  constructor(init: ContextInit) {
    const { request, body } = init;
    this.engine = init.engine;
    this.request = request;
    this.requestId = init.requestId;
    this.operation = init.operation;
    this.params = init.params;
    this.handler = init.handler;
    this.body = body;
    this.query = request.query;
    this.scope = request.headers['x-mock-test-id'] ?? null;
    this.stream = !!body && typeof body === 'object' && (body as { stream?: unknown }).stream === true;
    this.apiKey = bearerKey(request.headers);
    this.model = requestedModel(body);
    this.#seed = init.seed;
    this.#options = init.options;
  }

  get signal(): AbortSignal | undefined {
    return this.#options.signal;
  }

  get random(): Random {
    this.#random ??= requestRandom(
      this.#seed,
      {
        method: this.request.method,
        path: this.operation.path,
        body: this.body instanceof Uint8Array ? this.body.byteLength : this.body,
      },
      this.handler?.deliveryParams,
    );
    return this.#random;
  }

  conversation(): Promise<ConversationView | undefined> {
    this.#conversation ??= this.#readConversation();
    return this.#conversation;
  }

  async #readConversation(): Promise<ConversationView | undefined> {
    const declared = this.handler?.conversation;
    if (!declared) return undefined;
    // A history that cannot be loaded is the simulator's to report; rules see the request alone.
    const history = declared.history ? await declared.history(this).catch(() => []) : [];
    return conversationView(this.body, declared.api, history);
  }
}

export function bearerKey(headers: Record<string, string>): string | null {
  const auth = headers['authorization'];
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim() || null;
  return headers['api-key'] ?? null;
}

/** The `model` a request names, in a JSON or a multipart body. */
export function requestedModel(body: unknown): string | null {
  if (isMultipart(body)) {
    const m = body.fields['model'];
    return typeof m === 'string' ? m : null;
  }
  if (body && typeof body === 'object' && !Array.isArray(body)) {
    const m = (body as Record<string, unknown>)['model'];
    return typeof m === 'string' ? m : null;
  }
  return null;
}
