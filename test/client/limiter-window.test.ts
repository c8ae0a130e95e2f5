import { describe, expect, it } from 'vitest';
import {
  earliestStart,
  estimateRequestTokens,
  parseResetDuration,
  recordStart,
  type WindowState,
} from '../../src/client/limiter-window.js';

const state = (over: Partial<WindowState> = {}): WindowState => ({
  windowMs: 60_000,
  requestsPerMinute: undefined,
  tokensPerMinute: undefined,
  entries: [],
  serverRequests: undefined,
  serverTokens: undefined,
  ...over,
});

describe('limiter window', () => {
  it('lets requests start at once until the request budget is spent', () => {
    const s = state({ requestsPerMinute: 2 });
    expect(earliestStart(s, 0, 0)).toBe(0);
    recordStart(s, 0, 0);
    recordStart(s, 0, 10);
    expect(earliestStart(s, 0, 20)).toBe(60_000);
    expect(earliestStart(s, 0, 60_000)).toBe(60_000);
    expect(s.entries).toHaveLength(1);
  });

  it('waits until enough tokens leave the window', () => {
    const s = state({ tokensPerMinute: 100 });
    recordStart(s, 60, 0);
    recordStart(s, 30, 1000);
    expect(earliestStart(s, 10, 2000)).toBe(2000);
    expect(earliestStart(s, 20, 2000)).toBe(60_000);
    expect(earliestStart(s, 80, 2000)).toBe(61_000);
  });

  it('lets a request larger than the whole budget start once the window is empty', () => {
    const s = state({ tokensPerMinute: 100 });
    expect(earliestStart(s, 500, 0)).toBe(0);
    recordStart(s, 500, 0);
    expect(earliestStart(s, 500, 1)).toBe(60_000);
  });

  it('holds requests while the server says none remain, until its reset', () => {
    const s = state({ serverRequests: { remaining: 0, resetAt: 5000 } });
    expect(earliestStart(s, 1, 1000)).toBe(5000);
    expect(earliestStart(s, 1, 5000)).toBe(5000);
    const t = state({ serverTokens: { remaining: 50, resetAt: 3000 } });
    expect(earliestStart(t, 40, 0)).toBe(0);
    recordStart(t, 40, 0);
    expect(t.serverTokens?.remaining).toBe(10);
    expect(earliestStart(t, 40, 0)).toBe(3000);
  });

  it('parses OpenAI reset durations', () => {
    expect(parseResetDuration('1s')).toBe(1000);
    expect(parseResetDuration('6m0s')).toBe(360_000);
    expect(parseResetDuration('20ms')).toBe(20);
    expect(parseResetDuration('1h2m3.5s')).toBe(3_723_500);
    expect(parseResetDuration('2')).toBe(2000);
    expect(parseResetDuration('soon')).toBeUndefined();
    expect(parseResetDuration(null)).toBeUndefined();
  });

  it('estimates tokens from the body size plus the output cap', () => {
    expect(estimateRequestTokens({ model: 'm', input: 'x'.repeat(400), max_output_tokens: 100 })).toBe(
      Math.ceil(JSON.stringify({ model: 'm', input: 'x'.repeat(400), max_output_tokens: 100 }).length / 4) +
        100,
    );
    expect(estimateRequestTokens(undefined)).toBe(0);
  });
});
