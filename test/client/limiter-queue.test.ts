import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/client.js';
import { APIUserAbortError } from '../../src/client/errors.js';
import { RateLimiter } from '../../src/client/limiter.js';
import { fakeFetch, json } from './helpers/fake-fetch.js';
import { chatCompletion } from './helpers/samples.js';

describe('RateLimiter', () => {
  it('queues calls beyond the request budget until the window frees a slot', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 2, windowMs: 150 });
    const started: number[] = [];
    const t0 = performance.now();
    await Promise.all(
      [0, 1, 2].map(async (i) => {
        await limiter.acquire(0);
        started[i] = performance.now() - t0;
      }),
    );
    expect(started[0]).toBeLessThan(100);
    expect(started[1]).toBeLessThan(100);
    expect(started[2]).toBeGreaterThanOrEqual(145);
  });

  it('serves waiters in order', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1, windowMs: 15 });
    const order: number[] = [];
    await Promise.all([1, 2, 3].map((i) => limiter.acquire(0).then(() => order.push(i))));
    expect(order).toEqual([1, 2, 3]);
  });

  it('frees token budget early when the actual usage is lower than the estimate', async () => {
    const limiter = new RateLimiter({ tokensPerMinute: 100, windowMs: 10_000 });
    const ticket = await limiter.acquire(90);
    let second = false;
    const pending = limiter.acquire(50).then(() => {
      second = true;
    });
    await new Promise((r) => setTimeout(r, 5));
    expect(second).toBe(false);
    ticket.settle(20);
    limiter.observe(new Headers());
    await pending;
    expect(second).toBe(true);
  });

  it('holds calls while the server reports no remaining requests', async () => {
    const limiter = new RateLimiter();
    limiter.observe(
      new Headers({ 'x-ratelimit-remaining-requests': '0', 'x-ratelimit-reset-requests': '40ms' }),
    );
    const t0 = performance.now();
    await limiter.acquire(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(35);
  });

  it('learns budgets from x-ratelimit-limit-* but keeps a lower user setting', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1, windowMs: 40 });
    limiter.observe(new Headers({ 'x-ratelimit-limit-requests': '100' }));
    await limiter.acquire(0);
    const t0 = performance.now();
    await limiter.acquire(0);
    expect(performance.now() - t0).toBeGreaterThanOrEqual(30);
  });

  it('drops a waiter whose signal aborts', async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 1, windowMs: 10_000 });
    await limiter.acquire(0);
    const controller = new AbortController();
    const waiting = limiter.acquire(0, controller.signal);
    expect(limiter.pending).toBe(1);
    controller.abort();
    await expect(waiting).rejects.toBeInstanceOf(APIUserAbortError);
    expect(limiter.pending).toBe(0);
  });

  it('rejects bad options, naming them', () => {
    expect(() => new RateLimiter({ tokensPerMinute: 0 })).toThrow(
      'RateLimiter: option tokensPerMinute must be a positive number, got 0',
    );
  });

  it("spaces a client's calls instead of letting them collect 429s", async () => {
    const limiter = new RateLimiter({ requestsPerMinute: 2, windowMs: 150 });
    const { fetch, calls } = fakeFetch(json(chatCompletion()));
    const client = new OpenAIClient({ apiKey: 'k', baseURL: 'http://mock.test/v1', fetch, limiter });
    const t0 = performance.now();
    const times: number[] = [];
    await Promise.all(
      [0, 1, 2, 3].map(() =>
        client.chat.completions
          .create({ model: 'm', messages: [] })
          .then(() => times.push(performance.now() - t0)),
      ),
    );
    expect(calls).toHaveLength(4);
    times.sort((a, b) => a - b);
    expect(times[1]).toBeLessThan(100);
    expect(times[2]).toBeGreaterThanOrEqual(145);
  });
});
