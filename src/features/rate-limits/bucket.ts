/**
 * A token bucket that refills continuously, the model behind the real API's per-minute limits: a full
 * bucket holds `capacity` (the per-minute limit) and refills at `capacity` per minute. Time comes from the
 * caller (the engine's clock), so a virtual clock drains and refills it without sleeping.
 */
export interface Bucket {
  readonly capacity: number;
  /** What is left, possibly fractional (refill is continuous). */
  level: number;
  /** Clock time (ms) of the last refill. */
  at: number;
}

export const PER_MINUTE_MS = 60_000;

export function createBucket(capacity: number, now: number): Bucket {
  return { capacity, level: capacity, at: now };
}

/** Brings the bucket up to `now`. */
export function refill(bucket: Bucket, now: number): void {
  const elapsed = now - bucket.at;
  if (elapsed > 0)
    bucket.level = Math.min(bucket.capacity, bucket.level + (elapsed * bucket.capacity) / PER_MINUTE_MS);
  bucket.at = Math.max(bucket.at, now);
}

/** Milliseconds until `amount` is available (0 when it already is; Infinity when it never fits). */
export function waitFor(bucket: Bucket, amount: number): number {
  if (amount > bucket.capacity) return Number.POSITIVE_INFINITY;
  if (bucket.level >= amount) return 0;
  return ((amount - bucket.level) * PER_MINUTE_MS) / bucket.capacity;
}

/** Milliseconds until the bucket is full again: the `x-ratelimit-reset-*` value. */
export function untilFull(bucket: Bucket): number {
  return ((bucket.capacity - bucket.level) * PER_MINUTE_MS) / bucket.capacity;
}

/** Whole units left, as `x-ratelimit-remaining-*` reports them. */
export function remaining(bucket: Bucket): number {
  return Math.max(0, Math.floor(bucket.level + 1e-9));
}

/** Whole units in use, as the 429 message's "Used N" reports them. */
export function used(bucket: Bucket): number {
  return Math.min(bucket.capacity, Math.max(0, Math.ceil(bucket.capacity - bucket.level - 1e-9)));
}
