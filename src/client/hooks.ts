// Observability hooks. They are called synchronously and must not break a call: an exception thrown by a
// hook is reported with console.warn and otherwise ignored.

import type { TokenUsage, UsageRecord } from './usage.js';

/** One attempt of one call, reported when the attempt settles. */
export interface AttemptReport {
  method: string;
  /** Request path relative to the base URL, e.g. `/chat/completions`. */
  path: string;
  url: string;
  /** 1 for the first attempt, 2 for the first retry, … */
  attempt: number;
  /** HTTP status, undefined when no response arrived. */
  status: number | undefined;
  /** The `x-request-id` header of the response. */
  requestId: string | null;
  /** Milliseconds from sending the request to receiving the response headers (or failing). */
  latencyMs: number;
  /** `model` of the request body, when it had one. */
  model: string | undefined;
  /** Token usage, when the response body reported it (streams report usage through `onUsage`). */
  usage: TokenUsage | undefined;
  outcome: 'success' | 'http-error' | 'connection-error' | 'timeout' | 'aborted';
  error: Error | undefined;
  /** Whether another attempt follows. */
  willRetry: boolean;
  /** The wait before that attempt. */
  retryDelayMs: number | undefined;
  /** Streams settle at their headers; their usage arrives later via `onUsage`. */
  streaming: boolean;
}

export interface ClientHooks {
  /** Called once per attempt, when it settles (success, error, or the start of a stream). */
  onAttempt?: (report: AttemptReport) => void;
  /** Called once per call whose response (or stream) reported token usage. */
  onUsage?: (record: UsageRecord) => void;
}

/** Calls `fn` and swallows what it throws, so telemetry never fails a call. */
export function callHook<T>(name: string, fn: ((arg: T) => void) | undefined, arg: T): void {
  if (!fn) return;
  try {
    fn(arg);
  } catch (error) {
    console.warn(`openai-mock/client: the ${name} hook threw and was ignored:`, error);
  }
}
