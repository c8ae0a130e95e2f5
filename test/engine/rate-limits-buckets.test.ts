import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { createVirtualClock, type MockRequest, type MockResponse } from '../../src/engine/index.js';
import type { RateLimitOptions } from '../../src/features/rate-limits/index.js';
import { countChatPromptTokens } from '../../src/fixtures/index.js';

const contract = await loadContract();
// `unknown`: options from a config file are checked at run time, so the tests pass wrong ones too.
const make = (rateLimits: unknown) => {
  const clock = createVirtualClock();
  return {
    clock,
    engine: buildEngine(contract, { clock, features: { rateLimits: rateLimits as RateLimitOptions } }),
  };
};
const messages = [{ role: 'user', content: 'How many tokens is this request?' }];
const chat = (extra: Record<string, unknown> = {}, headers: Record<string, string> = {}): MockRequest => ({
  method: 'POST',
  path: '/v1/chat/completions',
  query: {},
  headers: { 'content-type': 'application/json', authorization: 'Bearer sk-one', ...headers },
  body: { model: 'gpt-4o', messages, ...extra },
});
const ratelimitHeaders = (r: MockResponse) =>
  Object.fromEntries(Object.entries(r.headers).filter(([k]) => k.startsWith('x-ratelimit-')));
const message = (r: MockResponse) =>
  (r.body as { value: { error: { message: string } } }).value.error.message;

describe('rate limits', () => {
  it('are off by default: no limit, no x-ratelimit headers', async () => {
    const { engine } = make(undefined);
    for (let i = 0; i < 5; i++) expect(ratelimitHeaders(await engine.handle(chat()))).toEqual({});
  });

  it('drain the request bucket, answer the real 429, and refill on the clock', async () => {
    const { engine, clock } = make({ rpm: 3 });
    const seen = [];
    for (let i = 0; i < 3; i++) seen.push(ratelimitHeaders(await engine.handle(chat())));
    expect(seen).toEqual([
      {
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '2',
        'x-ratelimit-reset-requests': '20s',
      },
      {
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '1',
        'x-ratelimit-reset-requests': '40s',
      },
      {
        'x-ratelimit-limit-requests': '3',
        'x-ratelimit-remaining-requests': '0',
        'x-ratelimit-reset-requests': '1m0s',
      },
    ]);
    const limited = await engine.handle(chat());
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({
      value: { error: { type: 'requests', code: 'rate_limit_exceeded', param: null } },
    });
    expect(message(limited)).toBe(
      'Rate limit reached for gpt-4o in organization org-mock on requests per min (RPM): Limit 3, Used 3, Requested 1. Please try again in 20s. Visit https://platform.openai.com/account/rate-limits to learn more.',
    );
    expect(limited.headers).toMatchObject({
      'retry-after': '20',
      'retry-after-ms': '20000',
      'x-ratelimit-remaining-requests': '0',
    });
    expect(engine.journal.entries().at(-1)?.fault).toEqual({
      ruleId: 'rate-limits',
      type: 'rate_limit_requests',
      status: 429,
    });

    await clock.advance(19_999);
    expect((await engine.handle(chat())).status).toBe(429);
    await clock.advance(1);
    const after = await engine.handle(chat());
    expect(after.status).toBe(200);
    expect(after.headers['x-ratelimit-remaining-requests']).toBe('0');
    await clock.advance(60_000);
    expect((await engine.handle(chat())).headers['x-ratelimit-remaining-requests']).toBe('2');
  });

  it('refill to the limit and no further, however long the key stays idle', async () => {
    const { engine, clock } = make({ rpm: 3, tpm: 1_000 });
    expect((await engine.handle(chat())).status).toBe(200);
    await clock.advance(10 * 60_000);
    const statuses = [];
    for (let i = 0; i < 5; i++) statuses.push((await engine.handle(chat())).status);
    expect(statuses).toEqual([200, 200, 200, 429, 429]);
    await clock.advance(10 * 60_000);
    const full = await engine.handle(chat());
    expect(ratelimitHeaders(full)).toMatchObject({
      'x-ratelimit-remaining-requests': '2',
      'x-ratelimit-reset-requests': '20s',
      'x-ratelimit-limit-tokens': '1000',
    });
    const tokens = Number(full.headers['x-ratelimit-remaining-tokens']);
    expect(tokens).toBeLessThan(1_000);
    expect(engine.rateLimits.state()).toContainEqual(
      expect.objectContaining({ kind: 'tokens', limit: 1_000, remaining: tokens }),
    );
  });

  it('charge tokens counted by the real tokenizer plus the completion budget', async () => {
    const { engine, clock } = make({ tpm: 100 });
    const prompt = countChatPromptTokens(messages, 'gpt-4o');
    const cost = prompt + 20;
    const first = await engine.handle(chat({ max_tokens: 20 }));
    expect(ratelimitHeaders(first)).toEqual({
      'x-ratelimit-limit-tokens': '100',
      'x-ratelimit-remaining-tokens': String(100 - cost),
      'x-ratelimit-reset-tokens': `${(cost * 60_000) / 100 / 1000}s`,
    });
    let used = cost;
    while (100 - used >= cost) {
      await engine.handle(chat({ max_tokens: 20 }));
      used += cost;
    }
    const limited = await engine.handle(chat({ max_tokens: 20 }));
    expect(limited.status).toBe(429);
    expect(limited.body).toMatchObject({ value: { error: { type: 'tokens' } } });
    const waitMs = ((cost - (100 - used)) * 60_000) / 100;
    expect(message(limited)).toContain(
      `on tokens per min (TPM): Limit 100, Used ${used}, Requested ${cost}.`,
    );
    expect(limited.headers['retry-after-ms']).toBe(String(Math.ceil(waitMs)));
    await clock.advance(waitMs);
    expect((await engine.handle(chat({ max_tokens: 20 }))).status).toBe(200);
  });

  it('answer "Request too large" for a request bigger than the token limit, and say not to retry', async () => {
    const { engine } = make({ tpm: 50 });
    const res = await engine.handle(chat({ max_tokens: 100 }, { 'openai-organization': 'org-acme' }));
    expect(res.status).toBe(429);
    expect(message(res)).toMatch(
      /^Request too large for gpt-4o in organization org-acme on tokens per min \(TPM\): Limit 50, Requested \d+\. The input or output tokens must be reduced/,
    );
    expect(res.headers['x-should-retry']).toBe('false');
    expect(res.headers['retry-after']).toBeUndefined();
  });

  it('keep one set of buckets per API key by default, or one for everybody', async () => {
    const perKey = make({ rpm: 1 }).engine;
    expect((await perKey.handle(chat())).status).toBe(200);
    expect((await perKey.handle(chat({}, { authorization: 'Bearer sk-two' }))).status).toBe(200);
    expect((await perKey.handle(chat())).status).toBe(429);
    const global = make({ rpm: 1, per: 'global' }).engine;
    expect((await global.handle(chat())).status).toBe(200);
    expect((await global.handle(chat({}, { authorization: 'Bearer sk-two' }))).status).toBe(429);
  });

  it('apply per-model limits over the defaults, with a bucket per model', async () => {
    const { engine } = make({ rpm: 100, models: { 'gpt-4o-mini': { rpm: 1 } } });
    expect((await engine.handle(chat({ model: 'gpt-4o-mini' }))).status).toBe(200);
    expect((await engine.handle(chat({ model: 'gpt-4o-mini' }))).status).toBe(429);
    const other = await engine.handle(chat());
    expect(other.status).toBe(200);
    expect(other.headers['x-ratelimit-limit-requests']).toBe('100');
  });

  it('leave requests that name no model alone', async () => {
    const { engine } = make({ rpm: 1 });
    for (let i = 0; i < 3; i++) {
      const res = await engine.handle({ method: 'GET', path: '/v1/models', query: {}, headers: {} });
      expect([res.status, res.headers['x-ratelimit-limit-requests']]).toEqual([200, undefined]);
    }
  });

  it('can be switched on, inspected and off at run time, and reset restores the startup settings', async () => {
    const { engine } = make(undefined);
    const admin = (method: string, path: string, body?: unknown): MockRequest => ({
      method,
      path: `/__mock/${path}`,
      query: {},
      headers: { 'content-type': 'application/json' },
      ...(body !== undefined && { body }),
    });
    const put = await engine.handle(admin('PUT', 'rate-limits', { rpm: 2, tpm: 1000 }));
    expect(put.status).toBe(200);
    await engine.handle(chat());
    const state = (await engine.handle(admin('GET', 'rate-limits'))).body as { value: any };
    expect(state.value).toMatchObject({ enabled: true, rpm: 2, tpm: 1000, per: 'key' });
    expect(state.value.buckets).toContainEqual({
      key: 'key:sk-one|gpt-4o',
      kind: 'requests',
      limit: 2,
      remaining: 1,
      resetMs: 30_000,
    });
    const bad = await engine.handle(admin('PUT', 'rate-limits', { rpm: -1 }));
    expect([bad.status, message(bad)]).toEqual([
      400,
      'rate limits.rpm must be a whole number of at least 1, got -1.',
    ]);
    expect((await engine.handle(admin('POST', 'rate-limits/refill'))).status).toBe(204);
    expect(engine.rateLimits.state()).toEqual([]);
    expect((await engine.handle(admin('DELETE', 'rate-limits'))).status).toBe(204);
    expect(ratelimitHeaders(await engine.handle(chat()))).toEqual({});
    engine.rateLimits.configure({ rpm: 5 });
    expect(engine.rateLimits.config?.defaults.rpm).toBe(5);
    await engine.reset();
    expect(engine.rateLimits.config).toBeNull();
  });

  it('reject bad settings when the engine is built', () => {
    expect(() => make({ rpm: 0 })).toThrow(/rpm must be a whole number of at least 1/);
    expect(() => make({ rpm: 1, per: 'team' })).toThrow(/per must be one of key, global, scope/);
    expect(() => make({ rpms: 1 })).toThrow(/unknown option 'rpms'/);
  });
});
