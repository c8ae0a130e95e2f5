import { setBounded, touch } from '../../fixtures/core.js';
import { type Bucket, createBucket, refill, remaining, untilFull, used, waitFor } from './bucket.js';
import { formatDuration } from './duration.js';
import type { LimitKind, RateLimitHit } from './messages.js';
import type { Limits } from './options.js';

export interface TakeResult {
  /** Set when the request is over a limit (requests are checked before tokens). */
  hit: Omit<RateLimitHit, 'model' | 'organization'> | null;
  /** The `x-ratelimit-*` headers, reflecting the buckets after this request. */
  headers: Record<string, string>;
}

export interface BucketState {
  key: string;
  kind: LimitKind;
  limit: number;
  remaining: number;
  resetMs: number;
}

/**
 * The buckets, kept in memory: checking and draining must be one step, which an async store cannot give
 * without an atomic operation of its own (a shared store would need e.g. a Redis script here).
 */
export function createLimiter(maxBuckets = 10_000) {
  // Per API key: bounded, the least recently used key's buckets are dropped first (they start full again).
  const buckets = new Map<string, Bucket>();

  function bucket(key: string, kind: LimitKind, capacity: number, now: number): Bucket {
    const id = `${key}\u0000${kind}`;
    let b = touch(buckets, id);
    // A changed limit starts a fresh bucket, as a plan change would.
    if (!b || b.capacity !== capacity) {
      b = createBucket(capacity, now);
      setBounded(buckets, id, b, maxBuckets);
    }
    refill(b, now);
    return b;
  }

  return {
    /** Checks both limits and, when the request fits both, drains them. */
    take(key: string, limits: Limits, tokens: number, now: number): TakeResult {
      const req = limits.rpm === null ? null : bucket(key, 'requests', limits.rpm, now);
      const tok = limits.tpm === null ? null : bucket(key, 'tokens', limits.tpm, now);
      let hit: TakeResult['hit'] = null;
      const reqWait = req ? waitFor(req, 1) : 0;
      const tokWait = tok ? waitFor(tok, tokens) : 0;
      if (req && reqWait > 0)
        hit = { kind: 'requests', limit: req.capacity, used: used(req), requested: 1, waitMs: reqWait };
      else if (tok && tokWait > 0)
        hit = { kind: 'tokens', limit: tok.capacity, used: used(tok), requested: tokens, waitMs: tokWait };
      else {
        if (req) req.level -= 1;
        if (tok) tok.level -= tokens;
      }
      const headers: Record<string, string> = {};
      if (req) writeHeaders(headers, 'requests', req);
      if (tok) writeHeaders(headers, 'tokens', tok);
      return { hit, headers };
    },
    /** The buckets as they stand at `now` (for the admin API and tests). */
    state(now: number): BucketState[] {
      return [...buckets.entries()].map(([id, b]) => {
        refill(b, now);
        const [key, kind] = id.split('\u0000') as [string, LimitKind];
        return { key, kind, limit: b.capacity, remaining: remaining(b), resetMs: Math.ceil(untilFull(b)) };
      });
    },
    clear() {
      buckets.clear();
    },
  };
}

export type Limiter = ReturnType<typeof createLimiter>;

function writeHeaders(headers: Record<string, string>, kind: LimitKind, b: Bucket) {
  headers[`x-ratelimit-limit-${kind}`] = String(b.capacity);
  headers[`x-ratelimit-remaining-${kind}`] = String(remaining(b));
  headers[`x-ratelimit-reset-${kind}`] = formatDuration(untilFull(b));
}
