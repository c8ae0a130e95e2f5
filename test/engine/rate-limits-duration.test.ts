import { describe, expect, it } from 'vitest';
import { formatDuration } from '../../src/features/rate-limits/index.js';

describe('formatDuration', () => {
  it('writes durations as the real API does (Go duration format)', () => {
    expect(formatDuration(0)).toBe('0s');
    expect(formatDuration(20)).toBe('20ms');
    expect(formatDuration(999)).toBe('999ms');
    expect(formatDuration(1000)).toBe('1s');
    expect(formatDuration(1646)).toBe('1.646s');
    expect(formatDuration(7200)).toBe('7.2s');
    expect(formatDuration(360_000)).toBe('6m0s');
    expect(formatDuration(172_800)).toBe('2m52.8s');
    expect(formatDuration(3_600_000)).toBe('1h0m0s');
  });

  it('rounds up to whole milliseconds, so waiting that long is always enough', () => {
    expect(formatDuration(0.2)).toBe('1ms');
    expect(formatDuration(1000.4)).toBe('1.001s');
  });
});
