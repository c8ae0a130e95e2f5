// The retry policy as two pure functions: which outcomes retry, and how long to wait before the next
// attempt. The rules follow the official SDKs (openai-node `shouldRetry` / `retryRequest`), plus two that
// the official SDK lacks: `insufficient_quota` is never retried (waiting does not add credit), and a server
// hint longer than `maxRetryAfterMs` falls back to backoff instead of stalling the caller for minutes.

/** What one attempt ended with, as far as the retry decision is concerned. */
export type AttemptOutcome =
  | {
      kind: 'response';
      status: number;
      headers: Headers;
      /** `error.code` of the body, when it had one. */
      errorCode?: string | null | undefined;
      /** `error.type` of the body, when it had one. */
      errorType?: string | null | undefined;
    }
  | { kind: 'connection-error' }
  | { kind: 'timeout' }
  | { kind: 'user-abort' };

/** Whether an attempt that ended with `outcome` may be retried (the retry budget is checked elsewhere). */
export function shouldRetry(outcome: AttemptOutcome): boolean {
  switch (outcome.kind) {
    case 'connection-error':
    case 'timeout':
      return true;
    case 'user-abort':
      return false;
    case 'response':
      break;
  }
  const { status, headers } = outcome;
  if (status < 400) return false;
  // No amount of waiting adds credit to the account, whatever the server hints.
  if (outcome.errorCode === 'insufficient_quota' || outcome.errorType === 'insufficient_quota') return false;
  // The server's explicit word wins over the status table (a non-standard header OpenAI sends).
  const hint = headers.get('x-should-retry');
  if (hint === 'true') return true;
  if (hint === 'false') return false;
  return status === 408 || status === 409 || status === 429 || status >= 500;
}

/** Tunables of the wait between attempts. */
export interface BackoffOptions {
  /**
   * First backoff delay; each further retry doubles it.
   * @default 500
   */
  initialDelayMs?: number;
  /**
   * Cap of the doubling backoff.
   * @default 8000
   */
  maxDelayMs?: number;
  /**
   * Longest server hint (`retry-after-ms` / `retry-after`) that is obeyed; longer hints fall back to backoff.
   * @default 60000
   */
  maxRetryAfterMs?: number;
}

export const DEFAULT_BACKOFF: Readonly<Required<BackoffOptions>> = Object.freeze({
  initialDelayMs: 500,
  maxDelayMs: 8000,
  maxRetryAfterMs: 60_000,
});

export interface RetryDelayInput {
  /** 0 for the wait before the first retry, 1 before the second, … */
  retryIndex: number;
  /** Headers of the failed response, if one arrived. */
  headers?: Headers | undefined;
  backoff?: BackoffOptions | undefined;
  /** Current time in ms since the epoch, for HTTP-date `retry-after`. @default Date.now() */
  now?: number;
  /** A number in [0, 1), for jitter. @default Math.random() */
  random?: number;
}

export interface RetryDelay {
  ms: number;
  source: 'retry-after-ms' | 'retry-after' | 'backoff';
}

/** How long to wait before the next attempt. */
export function retryDelay(input: RetryDelayInput): RetryDelay {
  const backoff = { ...DEFAULT_BACKOFF, ...input.backoff };
  const hinted = serverHint(input.headers, input.now ?? Date.now());
  if (hinted && hinted.ms >= 0 && hinted.ms <= backoff.maxRetryAfterMs) return hinted;

  const base = Math.min(backoff.initialDelayMs * 2 ** input.retryIndex, backoff.maxDelayMs);
  // Up to 25% less than the base, so that clients failing together do not retry together.
  const jitter = 1 - (input.random ?? Math.random()) * 0.25;
  return { ms: base * jitter, source: 'backoff' };
}

/** The wait the server asks for, or undefined when it sent no readable hint. */
export function serverHint(headers: Headers | undefined, now: number): RetryDelay | undefined {
  if (!headers) return undefined;
  const ms = parseNumber(headers.get('retry-after-ms'));
  if (ms !== undefined) return { ms, source: 'retry-after-ms' };
  const after = headers.get('retry-after');
  if (after === null || after.trim() === '') return undefined;
  const seconds = parseNumber(after);
  if (seconds !== undefined) return { ms: seconds * 1000, source: 'retry-after' };
  // HTTP dates start with a day name; without this check Date.parse would read '-5' as the year -5.
  const date = /^\s*[A-Za-z]{3}/.test(after) ? Date.parse(after) : Number.NaN;
  if (Number.isNaN(date)) return undefined;
  return { ms: Math.max(0, date - now), source: 'retry-after' };
}

function parseNumber(value: string | null): number | undefined {
  if (value === null || !/^\s*\d+(\.\d+)?\s*$/.test(value)) return undefined;
  return Number.parseFloat(value);
}
