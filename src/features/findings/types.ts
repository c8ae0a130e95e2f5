import type { JournalFinding } from '../../engine/journal.js';

/** What the server can tell about a client's retry behaviour from the requests it sees. */
export const FINDING_KINDS = [
  'early_retry',
  'no_backoff',
  'retried_non_retryable',
  'idempotency_key_changed',
  'idempotency_key_missing',
  'rate_limit_ignored',
  'stream_not_closed',
] as const;
export type FindingKind = (typeof FINDING_KINDS)[number];

/** One thing a client did that would hurt it (or the API) in production, with what it should do instead. */
export interface Finding extends JournalFinding {
  kind: FindingKind;
  /** "your client retried 3 ms after a 429 that asked for 500 ms; …": what it did, then what it should do. */
  message: string;
  /** When the server noticed, on the engine's clock (ms since the epoch). */
  time: number;
  /** The `x-mock-test-id` of the client's requests. */
  scope: string | null;
  /** The client's API key, masked (`sk-…WXYZ`), or null when it sent none. */
  apiKey: string | null;
  /** The journal entry of the request that showed it (the retry, the request sent while limited, the stream). */
  requestId: string;
  method: string;
  path: string;
  /** The numbers behind the message, e.g. `{ gapMs: 3, askedMs: 500, status: 429 }`. */
  details: Record<string, unknown>;
}
