/** The shapes of fault rules: what users write, and the checked form the engine runs. */

/** Named HTTP failures, each sent with the body and headers the real world sends. */
export const HTTP_FAULT_KINDS = {
  rate_limit: 429,
  rate_limit_tokens: 429,
  insufficient_quota: 429,
  server_error: 500,
  bad_gateway: 502,
  overloaded: 503,
  gateway_timeout: 504,
  request_timeout: 408,
  conflict: 409,
} as const;
export type HttpFaultKind = keyof typeof HTTP_FAULT_KINDS;

/** Delay before the fault (or before passing through), with seeded jitter added on top. */
export interface Delay {
  latencyMs: number;
  jitterMs: number;
}

export type FaultSpec = Delay &
  (
    | {
        type: 'http';
        status: number;
        /** The flavour of body; derived from the status unless given (429 → `rate_limit`). */
        kind: HttpFaultKind | null;
        message: string | null;
        retryAfter: number | null;
        retryAfterMs: number | null;
        shouldRetry: boolean | null;
        headers: Record<string, string>;
      }
    /** The socket is destroyed without an answer. */
    | { type: 'reset' }
    /** No answer until the client gives up (or `ms`, capped by the server's `maxHangMs`), then a reset. */
    | { type: 'hang'; ms: number | null }
    /** Only the delay, then the request goes on normally. */
    | { type: 'latency' }
    /** The stream stops after `afterEvents` events: no terminal event, no `[DONE]`, the connection drops. */
    | { type: 'stream_cut'; afterEvents: number }
    /** After `afterEvents` good events, one event's JSON arrives cut in half. */
    | { type: 'stream_malformed'; afterEvents: number }
    /** Time to first event, then a gap between events. */
    | { type: 'slow_stream'; ttftMs: number; eventIntervalMs: number }
  );

export type FaultType = FaultSpec['type'];
export type HttpFault = Extract<FaultSpec, { type: 'http' }>;

/** A step of a sequence: a fault, or `pass` (the request goes through untouched). */
export type FaultStep = FaultSpec | 'pass';

export interface FaultMatch {
  /** Upper case. */
  methods?: string[];
  /** Paths without `/v1`, as written (`/chat/completions`), as templates (`/threads/{thread_id}/runs`) or ending in `*`. */
  paths?: string[];
  operationIds?: string[];
  models?: string[];
  /** Header name (lower case) → exact value, or `true` for "present". */
  headers?: Record<string, string | true>;
  /** Body `metadata` entries that must be present with these values. */
  metadata?: Record<string, string>;
  apiKeys?: string[];
  /** Only streaming (`stream: true`) requests, or only non-streaming ones. */
  stream?: boolean;
}

export interface FaultRule {
  id: string;
  /** Only requests with this `x-mock-test-id` see the rule; null for every request. */
  scope: string | null;
  match: FaultMatch;
  /** `once`: `faults[0]` on every firing; `sequence`: the n-th match gets `faults[n]`; `pick`: a seeded choice. */
  mode: 'once' | 'sequence' | 'pick';
  faults: FaultStep[];
  /** At most this many faults (per counter); null for no limit. */
  times: number | null;
  /** Seeded probability that a match fires. */
  rate: number;
  /** Whose counter a match advances: one per `x-mock-test-id` (default), per API key, or one for all. */
  countPer: 'scope' | 'apiKey' | 'global';
  /** Config rules (options, `--faults`, `--chaos`) survive `reset()`; runtime rules do not. */
  origin: 'config' | 'runtime';
}

/** What `GET /__mock/faults` and `engine.faults.list()` show of a rule. */
export interface FaultRuleInfo extends FaultRule {
  /** Matching requests seen, over all counters. */
  matched: number;
  /** Faults injected, over all counters. */
  fired: number;
}

export class FaultRuleError extends Error {
  override name = 'FaultRuleError';
  readonly code = 'OPENAI_MOCK_BAD_FAULT_RULE';
}
