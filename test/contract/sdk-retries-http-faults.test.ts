import OpenAI, { type APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
const sdk = (options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  new OpenAI({ apiKey: 'sk-test-key', baseURL: server.url, maxRetries: 2, logLevel: 'off', ...options });
const attempts = () => server.journal.entries().map((e) => e.status);
const admin = (method: string, path: string, body?: unknown, headers: Record<string, string> = {}) =>
  fetch(`${server.origin}/__mock/${path}`, {
    method,
    headers: { 'content-type': 'application/json', ...headers },
    ...(body !== undefined && { body: JSON.stringify(body) }),
  });

describe('HTTP faults through the official SDK', () => {
  it('succeeds after exactly 3 attempts when the first two get 429', async () => {
    const res = await admin('POST', 'faults', {
      match: { method: 'POST', path: '/chat/completions' },
      sequence: [{ status: 429, retryAfterMs: 1 }, { status: 429, retryAfterMs: 1 }, 'pass'],
    });
    expect(res.status).toBe(201);
    const { id } = (await res.json()) as { id: string };
    const completion = await sdk().chat.completions.create(chat);
    expect(completion.object).toBe('chat.completion');
    expect(attempts()).toEqual([429, 429, 200]);
    expect(server.journal.entries().map((e) => e.fault?.ruleId ?? null)).toEqual([id, id, null]);
  });

  it('gives InternalServerError after 3 attempts of 503, then lets the next request through', async () => {
    server.engine.faults.add({ status: 503, times: 3, retryAfterMs: 1 });
    const error = await sdk()
      .chat.completions.create(chat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as APIError).status).toBe(503);
    expect((error as APIError).message).toMatch(/overloaded/);
    expect(attempts()).toEqual([503, 503, 503]);
    await sdk().chat.completions.create(chat);
    expect(attempts()).toEqual([503, 503, 503, 200]);
  });

  it('does not retry insufficient_quota', async () => {
    server.engine.faults.add('insufficient_quota');
    const error = await sdk()
      .chat.completions.create(chat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' });
    expect(attempts()).toEqual([429]);
  });

  it('sends the real rate-limit 429 body and headers', async () => {
    server.engine.faults.add({ kind: 'rate_limit_tokens', retryAfter: 2 });
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: {
        'content-type': 'application/json',
        authorization: 'Bearer sk-x',
        'openai-organization': 'org-acme',
      },
      body: JSON.stringify(chat),
    });
    expect(res.status).toBe(429);
    expect(res.headers.get('retry-after')).toBe('2');
    expect(res.headers.get('retry-after-ms')).toBeNull();
    expect(res.headers.get('x-ratelimit-remaining-tokens')).toBe('0');
    const body = (await res.json()) as { error: Record<string, unknown> };
    expect(body.error).toMatchObject({ type: 'tokens', code: 'rate_limit_exceeded', param: null });
    expect(body.error['message']).toMatch(
      /^Rate limit reached for gpt-4o-mini in organization org-acme on tokens per min \(TPM\): Limit 30000, Used 30000, Requested \d+\. Please try again in 2s\. Visit https:\/\/platform\.openai\.com\/account\/rate-limits to learn more\.$/,
    );
  });

  it('spaces the attempts at least retry-after-ms apart', async () => {
    server.engine.faults.add({
      sequence: [
        { status: 429, retryAfterMs: 60 },
        { status: 500, retryAfterMs: 60 },
      ],
    });
    await sdk().chat.completions.create(chat);
    const times = server.journal.entries().map((e) => e.time);
    expect(attempts()).toEqual([429, 500, 200]);
    expect(times[1]! - times[0]!).toBeGreaterThanOrEqual(60);
    expect(times[2]! - times[1]!).toBeGreaterThanOrEqual(60);
  });

  it('obeys x-should-retry both ways', async () => {
    server.engine.faults.add({
      sequence: [
        { status: 400, shouldRetry: true, retryAfterMs: 1 },
        { status: 500, shouldRetry: false },
      ],
    });
    const error = await sdk()
      .chat.completions.create(chat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(attempts()).toEqual([400, 500]);
  });

  it('sends 502 and 504 as the gateway does, with an HTML page', async () => {
    server.engine.faults.add({ sequence: [502, 504] });
    const res = await fetch(`${server.url}/models`);
    expect(res.status).toBe(502);
    expect(res.headers.get('content-type')).toMatch(/^text\/html/);
    expect(await res.text()).toContain('<title>502 Bad Gateway</title>');
    const error = await sdk({ maxRetries: 0 })
      .models.list()
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect((error as Error).message).toContain('504 Gateway Time-out');
  });

  it('retries 408 and 409 as the SDK does', async () => {
    server.engine.faults.add({
      sequence: [
        { status: 408, retryAfterMs: 1 },
        { status: 409, retryAfterMs: 1 },
      ],
    });
    await sdk().models.list();
    expect(attempts()).toEqual([408, 409, 200]);
  });

  it('fails one request from the x-mock-fault header, on every attempt of it', async () => {
    const error = await sdk()
      .chat.completions.create(chat, { headers: { 'x-mock-fault': '503; retry-after-ms=1' } })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.InternalServerError);
    expect(server.journal.entries().map((e) => e.fault)).toEqual(
      Array(3).fill({ ruleId: 'header', type: 'http', status: 503 }),
    );
    await sdk().chat.completions.create(chat);
    expect(attempts()).toEqual([503, 503, 503, 200]);
  });

  it('keeps a rule posted with x-mock-test-id to that test, and counts per test', async () => {
    const res = await admin('POST', 'faults', { status: 500, times: 1 }, { 'x-mock-test-id': 'a' });
    expect(res.status).toBe(201);
    const a = sdk({ maxRetries: 0, defaultHeaders: { 'x-mock-test-id': 'a' } });
    const b = sdk({ maxRetries: 0, defaultHeaders: { 'x-mock-test-id': 'b' } });
    await b.models.list();
    await expect(a.models.list()).rejects.toBeInstanceOf(OpenAI.InternalServerError);
    await a.models.list();
    const journal = (await (await fetch(`${server.origin}/__mock/journal?scope=a`)).json()) as {
      requests: Array<{ status: number }>;
    };
    expect(journal.requests.map((r) => r.status)).toEqual([500, 200]);
    expect(server.journal.entries({ scope: 'b' }).map((e) => e.status)).toEqual([200]);
  });
});
