// The options of `new OpenAIClient(options)` and of each call. Defaults are those of the official SDK
// unless said otherwise.

import type { ClientHooks } from './hooks.js';
import type { RateLimiter } from './limiter.js';
import type { Logger, LogLevel, TracerLike } from './observability.js';
import type { BackoffOptions } from './retry.js';
import type { UsageMeter } from './usage-meter.js';

export type Fetch = (input: string | URL | Request, init?: RequestInit) => Promise<Response>;

/** Header values; `null` removes a header set by a lower layer (defaults, the client). */
export type HeadersInput = Record<string, string | null | undefined>;

type QueryScalar = string | number | boolean;

/** Query values; arrays repeat the key (`include[]=a&include[]=b`), undefined and null are skipped. */
export type QueryInput = Record<string, QueryScalar | QueryScalar[] | null | undefined>;

export interface ClientOptions {
  /**
   * API key sent as `Authorization: Bearer …`. The constructor throws when neither this nor the
   * environment variable provides one.
   * @default process.env.OPENAI_API_KEY
   */
  apiKey?: string | undefined;
  /**
   * Base URL every path is appended to, e.g. `http://127.0.0.1:4010/v1` for the mock server.
   * @default process.env.OPENAI_BASE_URL ?? 'https://api.openai.com/v1'
   */
  baseURL?: string | undefined;
  /**
   * Sent as `OpenAI-Organization`.
   * @default process.env.OPENAI_ORG_ID
   */
  organization?: string | null | undefined;
  /**
   * Sent as `OpenAI-Project`.
   * @default process.env.OPENAI_PROJECT_ID
   */
  project?: string | null | undefined;
  /**
   * Secret for `client.webhooks.unwrap()` / `verifySignature()` (`whsec_…`).
   * @default process.env.OPENAI_WEBHOOK_SECRET
   */
  webhookSecret?: string | null | undefined;
  /**
   * Milliseconds one attempt may take: until the response headers for streams and raw downloads, until
   * the whole body for JSON calls. Timeouts are retried, so a call may take longer in total.
   * @default 600000 (10 minutes)
   */
  timeout?: number | undefined;
  /**
   * Milliseconds a stream (or a download's body) may go without receiving a byte before it is abandoned
   * with APIConnectionTimeoutError. `timeout` covers each attempt up to the response headers; this covers
   * the rest, chunk by chunk, so a long answer is fine and a stalled one is not. Not retried: the items
   * already read were yours.
   * @default undefined (no idle limit, as in the official SDK)
   */
  idleTimeout?: number | undefined;
  /**
   * Retries after the first attempt (0 disables retries).
   * @default 2
   */
  maxRetries?: number | undefined;
  /**
   * Timing of the wait between attempts (tests shrink it).
   * @default { initialDelayMs: 500, maxDelayMs: 8000, maxRetryAfterMs: 60000 }
   */
  backoff?: BackoffOptions | undefined;
  /**
   * Headers sent with every call; per-call `headers` override them.
   * @default {}
   */
  defaultHeaders?: HeadersInput | undefined;
  /**
   * Query parameters added to every call; per-call `query` overrides them.
   * @default {}
   */
  defaultQuery?: QueryInput | undefined;
  /**
   * The fetch implementation (inject one to test, to proxy, or to record).
   * @default globalThis.fetch
   */
  fetch?: Fetch | undefined;
  /**
   * Observability hooks, called for every attempt and for every reported token usage.
   * @default {}
   */
  hooks?: ClientHooks | undefined;
  /**
   * How much to log: `debug` (each attempt's request and response, credentials redacted), `info`
   * (retries and each call's outcome), `warn`, `error`, `off`.
   * @default process.env.OPENAI_LOG ?? 'warn' (which logs nothing of the calls themselves)
   */
  logLevel?: LogLevel | undefined;
  /**
   * Where log lines go (pino, winston and console all fit).
   * @default console
   */
  logger?: Logger | undefined;
  /**
   * An OpenTelemetry-shaped tracer (`trace.getTracer('app')` from @opentelemetry/api fits): one CLIENT span
   * per call, one event per attempt, GenAI attributes for model, token usage and cost.
   * @default undefined (no spans)
   */
  tracer?: TracerLike | undefined;
  /**
   * A meter that totals tokens and cost of every call made by this client.
   * @default undefined
   */
  usageMeter?: UsageMeter | undefined;
  /**
   * A client-side limiter that queues calls to stay under requests/tokens per minute. Share one instance
   * between clients that share an API key.
   * @default undefined (no limiting)
   */
  limiter?: RateLimiter | undefined;
}

export interface RequestOptions {
  /**
   * Milliseconds for each attempt of this call.
   * @default the client's `timeout`
   */
  timeout?: number | undefined;
  /**
   * Idle limit between two chunks of this call's stream or download.
   * @default the client's `idleTimeout`
   */
  idleTimeout?: number | undefined;
  /**
   * Retries for this call.
   * @default the client's `maxRetries`
   */
  maxRetries?: number | undefined;
  /**
   * Aborts the call (and a running stream). Never retried; rejects with APIUserAbortError.
   * @default undefined
   */
  signal?: AbortSignal | undefined;
  /**
   * Extra headers for this call; `null` removes one.
   * @default {}
   */
  headers?: HeadersInput | undefined;
  /**
   * Extra query parameters for this call.
   * @default {}
   */
  query?: QueryInput | undefined;
  /**
   * `Idempotency-Key` sent on every attempt of a non-GET call, so the server can drop duplicates.
   * @default a fresh random key per call
   */
  idempotencyKey?: string | undefined;
}

/** Validates a numeric option and says which one was wrong and how. */
export function checkNonNegativeInteger(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!Number.isInteger(value) || value < 0) {
    throw new RangeError(`OpenAIClient: option ${name} must be a non-negative integer, got ${String(value)}`);
  }
}

export function checkTimeout(name: string, value: number | undefined): void {
  if (value === undefined) return;
  if (!(typeof value === 'number' && value > 0)) {
    throw new RangeError(
      `OpenAIClient: option ${name} must be a positive number of milliseconds, got ${String(value)}`,
    );
  }
}

/** Reads an environment variable where one exists (Node, Deno, Bun); undefined in browsers. */
export function readEnv(name: string): string | undefined {
  const env = (globalThis as { process?: { env?: Record<string, string | undefined> } }).process?.env;
  const value = env?.[name]?.trim();
  return value === '' ? undefined : value;
}
