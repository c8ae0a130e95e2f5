// An optional client-side limiter: calls queue (first in, first out) until the request and token budgets
// of a rolling window allow them, instead of going out and collecting 429s. It also listens to the
// server's `x-ratelimit-*` headers: the `limit-*` values fill in budgets the user did not set, and
// `remaining-*` / `reset-*` hold calls back until the server's own window resets. An answer's `remaining-*`
// is read minus the attempts still in flight, which the server may not have counted when it answered.

import { APIUserAbortError } from './errors.js';
import {
  earliestStart,
  parseResetDuration,
  recordStart,
  serverBudget,
  type WindowEntry,
  type WindowState,
} from './limiter-window.js';

export interface RateLimiterOptions {
  /**
   * Requests allowed to start per window. Unset: learned from `x-ratelimit-limit-requests`, else unlimited.
   * @default undefined
   */
  requestsPerMinute?: number;
  /**
   * Estimated tokens allowed per window. Unset: learned from `x-ratelimit-limit-tokens`, else unlimited.
   * @default undefined
   */
  tokensPerMinute?: number;
  /**
   * Length of the rolling window (tests shrink it).
   * @default 60000
   */
  windowMs?: number;
  /**
   * Follow the server's `x-ratelimit-*` headers.
   * @default true
   */
  adaptToHeaders?: boolean;
}

/** A started attempt's slot. */
export interface LimiterTicket {
  /** Replaces the token estimate with the real usage. */
  settle(actualTokens: number): void;
  /** The attempt got its answer (or failed): it no longer counts as in flight. Safe to call twice. */
  end(): void;
}

interface Waiter {
  tokens: number;
  resolve: (ticket: LimiterTicket) => void;
  reject: (error: Error) => void;
  signal: AbortSignal | undefined;
  onAbort: () => void;
}

export class RateLimiter {
  readonly #state: WindowState;
  readonly #adapt: boolean;
  readonly #userRPM: number | undefined;
  readonly #userTPM: number | undefined;
  readonly #queue: Waiter[] = [];
  #timer: ReturnType<typeof setTimeout> | undefined;

  constructor(options: RateLimiterOptions = {}) {
    for (const key of ['requestsPerMinute', 'tokensPerMinute', 'windowMs'] as const) {
      const value = options[key];
      if (value !== undefined && !(Number.isFinite(value) && value > 0)) {
        throw new RangeError(`RateLimiter: option ${key} must be a positive number, got ${String(value)}`);
      }
    }
    this.#userRPM = options.requestsPerMinute;
    this.#userTPM = options.tokensPerMinute;
    this.#adapt = options.adaptToHeaders ?? true;
    this.#state = {
      windowMs: options.windowMs ?? 60_000,
      requestsPerMinute: options.requestsPerMinute,
      tokensPerMinute: options.tokensPerMinute,
      entries: [],
      serverRequests: undefined,
      serverTokens: undefined,
    };
  }

  /** Calls waiting for a slot. */
  get pending(): number {
    return this.#queue.length;
  }

  /** Resolves when a call of about `tokens` tokens may start; rejects with APIUserAbortError on abort. */
  acquire(tokens: number, signal?: AbortSignal): Promise<LimiterTicket> {
    if (signal?.aborted) return Promise.reject(new APIUserAbortError());
    return new Promise((resolve, reject) => {
      const waiter: Waiter = { tokens, resolve, reject, signal, onAbort: () => this.#abandon(waiter) };
      signal?.addEventListener('abort', waiter.onAbort, { once: true });
      this.#queue.push(waiter);
      this.#pump();
    });
  }

  /**
   * Feeds the server's `x-ratelimit-*` headers of a response, and ends `ticket`, the attempt they answer.
   * The remaining budgets they report are reduced by the attempts still in flight.
   */
  observe(headers: Headers, ticket?: LimiterTicket): void {
    ticket?.end();
    if (!this.#adapt) return;
    const now = Date.now();
    const state = this.#state;
    const limitRequests = positive(headers.get('x-ratelimit-limit-requests'));
    const limitTokens = positive(headers.get('x-ratelimit-limit-tokens'));
    if (limitRequests !== undefined)
      state.requestsPerMinute = Math.min(this.#userRPM ?? Infinity, limitRequests);
    if (limitTokens !== undefined) state.tokensPerMinute = Math.min(this.#userTPM ?? Infinity, limitTokens);
    state.serverRequests = budget(state, headers, 'requests', now) ?? state.serverRequests;
    state.serverTokens = budget(state, headers, 'tokens', now) ?? state.serverTokens;
    this.#pump();
  }

  #pump(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
    while (this.#queue.length > 0) {
      const head = this.#queue[0] as Waiter;
      const now = Date.now();
      const at = earliestStart(this.#state, head.tokens, now);
      if (at > now) {
        this.#timer = setTimeout(() => this.#pump(), at - now);
        return;
      }
      this.#queue.shift();
      head.signal?.removeEventListener('abort', head.onAbort);
      head.resolve(ticketFor(recordStart(this.#state, head.tokens, now)));
    }
  }

  #abandon(waiter: Waiter): void {
    const index = this.#queue.indexOf(waiter);
    if (index === -1) return;
    this.#queue.splice(index, 1);
    waiter.reject(new APIUserAbortError());
    this.#pump();
  }
}

function ticketFor(entry: WindowEntry): LimiterTicket {
  return {
    settle(actualTokens: number) {
      if (Number.isFinite(actualTokens) && actualTokens >= 0) entry.tokens = actualTokens;
    },
    end() {
      entry.inFlight = false;
    },
  };
}

function budget(state: WindowState, headers: Headers, kind: 'requests' | 'tokens', now: number) {
  const remaining = headers.get(`x-ratelimit-remaining-${kind}`);
  if (remaining === null || !/^\d+$/.test(remaining.trim())) return undefined;
  const reset = parseResetDuration(headers.get(`x-ratelimit-reset-${kind}`)) ?? 60_000;
  return serverBudget(state, kind, Number(remaining), now + reset);
}

function positive(value: string | null): number | undefined {
  if (value === null) return undefined;
  const n = Number(value);
  return Number.isFinite(n) && n > 0 ? n : undefined;
}
