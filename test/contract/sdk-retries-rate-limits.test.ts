import OpenAI, { type APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';

// Buckets refill on a virtual clock: the test moves time instead of waiting a minute.
const clock = createVirtualClock();
const server = await useMockServer({ clock, features: { rateLimits: { rpm: 2, tpm: 10_000 } } });
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };

describe('rate limits through the official SDK', () => {
  it('gives RateLimitError once the requests per minute are used, and lets requests through after the refill', async () => {
    const client = new OpenAI({ apiKey: 'sk-rl', baseURL: server.url, maxRetries: 0 });
    const first = await client.chat.completions.create(chat).withResponse();
    expect(first.response.headers.get('x-ratelimit-remaining-requests')).toBe('1');
    expect(first.response.headers.get('x-ratelimit-limit-tokens')).toBe('10000');
    await client.chat.completions.create(chat);
    const error = await client.chat.completions.create(chat).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded', type: 'requests' });
    expect((error as APIError).headers?.get('retry-after')).toBe('30');
    expect((error as Error).message).toMatch(
      /on requests per min \(RPM\): Limit 2, Used 2, Requested 1\. Please try again in 30s\./,
    );
    await clock.advance(30_000);
    expect((await client.chat.completions.create(chat)).object).toBe('chat.completion');
    expect(server.journal.entries().map((e) => e.status)).toEqual([200, 200, 429, 200]);
  });

  it('limits each API key on its own', async () => {
    const a = new OpenAI({ apiKey: 'sk-a', baseURL: server.url, maxRetries: 0 });
    const b = new OpenAI({ apiKey: 'sk-b', baseURL: server.url, maxRetries: 0 });
    await a.chat.completions.create(chat);
    await a.chat.completions.create(chat);
    await expect(a.chat.completions.create(chat)).rejects.toBeInstanceOf(OpenAI.RateLimitError);
    expect((await b.chat.completions.create(chat)).object).toBe('chat.completion');
  });
});
