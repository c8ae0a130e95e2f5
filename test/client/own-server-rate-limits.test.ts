// Our server's rate limits (token buckets on the engine's virtual clock) against our client's optional
// RateLimiter. The limiter is given no budget of its own: everything it knows comes from the server's
// `x-ratelimit-*` headers. A client without it collects 429s; with it, the same calls queue and all succeed
// once the window resets. Neither side sleeps for real: the server's buckets run on a virtual clock, and the
// client's timers and Date are vitest's fake ones, moved forward by the same amount.

import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { OpenAIClient, RateLimitError, RateLimiter } from '../../src/client/index.js';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';

const clock = createVirtualClock();
const server = await useMockServer({ clock });

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
const statuses = () => server.journal.entries().map((e) => e.status);
const client = (limiter?: RateLimiter) =>
  new OpenAIClient({ apiKey: 'sk-rl', baseURL: server.url, maxRetries: 0, limiter });

/** Moves both clocks: the server's buckets refill, the limiter's timers fire. */
async function advanceBoth(ms: number) {
  await clock.advance(ms);
  await vi.advanceTimersByTimeAsync(ms);
}

describe('rate limits: our RateLimiter against our server', () => {
  beforeEach(() => {
    // Only the client's clock is faked; fetch and the server run on real I/O.
    vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout', 'Date'] });
  });
  afterEach(() => {
    vi.useRealTimers();
  });

  /** One call (the limiter learns the budget from its answer), then four at once. */
  async function oneThenFour(c: OpenAIClient) {
    expect(await c.chat.completions.create(chat)).toMatchObject({ object: 'chat.completion' });
    return [0, 1, 2, 3].map(() => c.chat.completions.create(chat).catch((e: unknown) => e));
  }

  it('a client without a limiter gets 429 once the requests per minute are used', async () => {
    server.engine.rateLimits.configure({ rpm: 3 });
    const results = await Promise.all(await oneThenFour(client()));
    expect(results.filter((r) => r instanceof RateLimitError)).toHaveLength(2);
    expect([...statuses()].sort()).toEqual([200, 200, 200, 429, 429]);
  });

  it('with a RateLimiter, learns the budget from x-ratelimit-* and holds calls until the window resets', async () => {
    server.engine.rateLimits.configure({ rpm: 3 });
    const limiter = new RateLimiter();
    const calls = await oneThenFour(client(limiter));
    // Two fit the server's remaining budget; the other two wait in the client instead of collecting 429s.
    await Promise.all(calls.slice(0, 2));
    expect(limiter.pending).toBe(2);
    expect(statuses()).toEqual([200, 200, 200]);

    // The server said the bucket is full again in 60 s; a little earlier, nothing moves yet.
    await advanceBoth(59_000);
    expect(limiter.pending).toBe(2);
    await advanceBoth(1_000);
    const rest = await Promise.all(calls.slice(2));
    expect(rest).toMatchObject([{ object: 'chat.completion' }, { object: 'chat.completion' }]);
    expect(limiter.pending).toBe(0);
    expect(statuses()).toEqual([200, 200, 200, 200, 200]);
  });

  it('is only as good as the headers: with adaptToHeaders off and no budget, it lets the 429s through', async () => {
    server.engine.rateLimits.configure({ rpm: 3 });
    const deaf = new RateLimiter({ adaptToHeaders: false });
    const results = await Promise.all(await oneThenFour(client(deaf)));
    expect(results.filter((r) => r instanceof RateLimitError)).toHaveLength(2);
    expect(deaf.pending).toBe(0);
  });

  it('holds a call whose token estimate exceeds the remaining tokens, where a plain client gets 429', async () => {
    // Each call is charged its prompt plus the 300 completion tokens it asks for: three fit in 1000, four do not.
    server.engine.rateLimits.configure({ tpm: 1000 });
    const big = { ...chat, max_completion_tokens: 300 };
    const oneThenThree = async (c: OpenAIClient) => {
      await c.chat.completions.create(big);
      return [0, 1, 2].map(() => c.chat.completions.create(big).catch((e: unknown) => e));
    };

    const plain = await Promise.all(await oneThenThree(client()));
    expect(plain.filter((r) => r instanceof RateLimitError)).toHaveLength(1);
    expect([...statuses()].sort()).toEqual([200, 200, 200, 429]);

    server.engine.rateLimits.refill();
    server.journal.clear();
    const limiter = new RateLimiter();
    const calls = await oneThenThree(client(limiter));
    await Promise.all(calls.slice(0, 2));
    expect(limiter.pending).toBe(1);
    expect(statuses()).toEqual([200, 200, 200]);
    await advanceBoth(60_000);
    const results = await Promise.all(calls);
    expect(results.every((r) => !(r instanceof Error))).toBe(true);
    expect(limiter.pending).toBe(0);
    expect(statuses()).toEqual([200, 200, 200, 200]);
  });

  it('keeps counting a call the server has not seen yet when another answer reports the budget', async () => {
    server.engine.rateLimits.configure({ tpm: 1000 });
    const big = { ...chat, max_completion_tokens: 300 };
    const limiter = new RateLimiter();
    const limited = client(limiter);
    await limited.chat.completions.create(big);
    // Sent before `fast`, but held up on the way (a latency fault, on the server's clock), so the server
    // has not charged it when it answers `fast`: that answer's remaining-tokens still counts it as free.
    const slow = limited.chat.completions
      .create(big, { headers: { 'x-mock-fault': 'latency; ms=1000' } })
      .catch((e: unknown) => e);
    await limited.chat.completions.create(big);
    const late = limited.chat.completions.create(big).catch((e: unknown) => e);
    await vi.waitFor(() => expect(limiter.pending).toBe(1));
    expect(statuses()).toEqual([200, 200]);

    await clock.advance(1000);
    expect(await slow).toMatchObject({ object: 'chat.completion' });
    expect(limiter.pending).toBe(1);
    await advanceBoth(60_000);
    expect(await late).toMatchObject({ object: 'chat.completion' });
    expect(statuses()).toEqual([200, 200, 200, 200]);
  });
});
