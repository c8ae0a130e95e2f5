import { describe, expect, it } from 'vitest';
import { retryDelay, serverHint } from '../../src/client/retry.js';

const headers = (init: Record<string, string>) => new Headers(init);

describe('retryDelay', () => {
  it('waits retry-after-ms first', () => {
    expect(
      retryDelay({ retryIndex: 0, headers: headers({ 'retry-after-ms': '250', 'retry-after': '9' }) }),
    ).toEqual({ ms: 250, source: 'retry-after-ms' });
  });

  it('waits retry-after seconds, fractions included', () => {
    expect(retryDelay({ retryIndex: 0, headers: headers({ 'retry-after': '1.5' }) })).toEqual({
      ms: 1500,
      source: 'retry-after',
    });
  });

  it('waits until a retry-after HTTP date', () => {
    const now = Date.parse('2025-01-01T00:00:00Z');
    const delay = retryDelay({
      retryIndex: 0,
      headers: headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }),
      now,
    });
    expect(delay).toEqual({ ms: 30_000, source: 'retry-after' });
  });

  it('treats an HTTP date in the past as "retry now"', () => {
    const now = Date.parse('2025-01-01T00:01:00Z');
    expect(
      retryDelay({ retryIndex: 0, headers: headers({ 'retry-after': 'Wed, 01 Jan 2025 00:00:30 GMT' }), now })
        .ms,
    ).toBe(0);
  });

  it('falls back to backoff when the hint exceeds 60 s', () => {
    const delay = retryDelay({ retryIndex: 0, headers: headers({ 'retry-after': '61' }), random: 0 });
    expect(delay).toEqual({ ms: 500, source: 'backoff' });
    expect(retryDelay({ retryIndex: 0, headers: headers({ 'retry-after': '60' }) }).source).toBe(
      'retry-after',
    );
  });

  it('falls back to backoff when the hint is unreadable', () => {
    for (const value of ['soon', '-5', '']) {
      expect(
        retryDelay({
          retryIndex: 0,
          headers: headers({ 'retry-after': value, 'retry-after-ms': 'x' }),
          random: 0,
        }).source,
      ).toBe('backoff');
    }
  });

  it('doubles from 0.5 s to a cap of 8 s without jitter', () => {
    const delays = [0, 1, 2, 3, 4, 5, 9].map((retryIndex) => retryDelay({ retryIndex, random: 0 }).ms);
    expect(delays).toEqual([500, 1000, 2000, 4000, 8000, 8000, 8000]);
  });

  it('takes off at most 25% as jitter', () => {
    expect(retryDelay({ retryIndex: 1, random: 0.999999 }).ms).toBeCloseTo(750, 0);
    for (let i = 0; i < 200; i++) {
      const { ms } = retryDelay({ retryIndex: 2 });
      expect(ms).toBeGreaterThan(1500);
      expect(ms).toBeLessThanOrEqual(2000);
    }
  });

  it('honours custom backoff options', () => {
    const backoff = { initialDelayMs: 1, maxDelayMs: 4, maxRetryAfterMs: 10 };
    expect([0, 1, 2, 3].map((retryIndex) => retryDelay({ retryIndex, random: 0, backoff }).ms)).toEqual([
      1, 2, 4, 4,
    ]);
    expect(
      retryDelay({ retryIndex: 0, random: 0, backoff, headers: headers({ 'retry-after-ms': '11' }) }).source,
    ).toBe('backoff');
  });
});

describe('serverHint', () => {
  it('returns undefined without headers or hints', () => {
    expect(serverHint(undefined, 0)).toBeUndefined();
    expect(serverHint(headers({}), 0)).toBeUndefined();
  });

  it('accepts retry-after-ms: 0 as "retry now"', () => {
    expect(serverHint(headers({ 'retry-after-ms': '0' }), 0)).toEqual({ ms: 0, source: 'retry-after-ms' });
  });
});
