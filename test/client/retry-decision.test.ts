import { describe, expect, it } from 'vitest';
import { type AttemptOutcome, shouldRetry } from '../../src/client/retry.js';

const response = (
  status: number,
  headers: Record<string, string> = {},
  body: { errorCode?: string; errorType?: string } = {},
): AttemptOutcome => ({
  kind: 'response',
  status,
  headers: new Headers(headers),
  ...body,
});

describe('shouldRetry', () => {
  it.each([408, 409, 429, 500, 502, 503, 504, 599])('retries status %i', (status) => {
    expect(shouldRetry(response(status))).toBe(true);
  });

  it.each([400, 401, 403, 404, 410, 422])('does not retry status %i', (status) => {
    expect(shouldRetry(response(status))).toBe(false);
  });

  it('retries connection errors and timeouts but never a user abort', () => {
    expect(shouldRetry({ kind: 'connection-error' })).toBe(true);
    expect(shouldRetry({ kind: 'timeout' })).toBe(true);
    expect(shouldRetry({ kind: 'user-abort' })).toBe(false);
  });

  it('obeys x-should-retry over the status table', () => {
    expect(shouldRetry(response(400, { 'x-should-retry': 'true' }))).toBe(true);
    expect(shouldRetry(response(503, { 'x-should-retry': 'false' }))).toBe(false);
    expect(shouldRetry(response(503, { 'x-should-retry': 'maybe' }))).toBe(true);
  });

  it('never retries insufficient_quota, whatever the headers say', () => {
    expect(shouldRetry(response(429, {}, { errorCode: 'insufficient_quota' }))).toBe(false);
    expect(
      shouldRetry(response(429, { 'x-should-retry': 'true' }, { errorType: 'insufficient_quota' })),
    ).toBe(false);
    expect(shouldRetry(response(429, {}, { errorCode: 'rate_limit_exceeded' }))).toBe(true);
  });

  it('does not retry successes even with x-should-retry: true', () => {
    expect(shouldRetry(response(200, { 'x-should-retry': 'true' }))).toBe(false);
  });
});
