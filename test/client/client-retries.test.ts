import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/client.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIUserAbortError,
  BadRequestError,
  InternalServerError,
  NotFoundError,
  RateLimitError,
} from '../../src/client/errors.js';
import type { AttemptReport } from '../../src/client/hooks.js';
import { chatCompletion, rateLimitBody } from './helpers/samples.js';
import { type Script, startScriptedServer } from './helpers/scripted-server.js';

const FAST = { initialDelayMs: 1, maxDelayMs: 4 };
const body = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'hi' }] };

async function setup(script: Script, options: ConstructorParameters<typeof OpenAIClient>[0] = {}) {
  const server = await startScriptedServer(script);
  const reports: AttemptReport[] = [];
  const client = new OpenAIClient({
    apiKey: 'sk-test',
    baseURL: server.baseURL,
    backoff: FAST,
    hooks: { onAttempt: (r) => reports.push(r) },
    ...options,
  });
  return { server, client, reports };
}

describe('retries against a scripted server', () => {
  it('retries a 500 and succeeds on the second attempt', async () => {
    const { server, client, reports } = await setup([
      { status: 500, json: { error: { message: 'boom', type: 'server_error' } } },
      { json: chatCompletion() },
    ]);
    const completion = await client.chat.completions.create(body);
    expect(completion.choices[0]?.message.content).toBe('Hello!');
    expect(server.requests).toHaveLength(2);
    expect(reports.map((r) => [r.attempt, r.status, r.outcome, r.willRetry])).toEqual([
      [1, 500, 'http-error', true],
      [2, 200, 'success', false],
    ]);
  });

  it('sends one idempotency key on every attempt of a POST, and counts retries in a header', async () => {
    const { server, client } = await setup([{ status: 503 }, { status: 502 }, { json: chatCompletion() }]);
    await client.chat.completions.create(body);
    const keys = server.requests.map((r) => r.headers['idempotency-key']);
    expect(keys[0]).toMatch(/^openai-mock-client-[0-9a-f-]{36}$/);
    expect(new Set(keys).size).toBe(1);
    expect(server.requests.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
  });

  it("uses a fresh key per call, the caller's key when given, and none on GET", async () => {
    const { server, client } = await setup([
      { json: chatCompletion() },
      { json: chatCompletion() },
      { json: chatCompletion() },
      { json: { id: 'm' } },
    ]);
    await client.chat.completions.create(body);
    await client.chat.completions.create(body);
    await client.chat.completions.create(body, { idempotencyKey: 'mine-1' });
    await client.models.retrieve('m');
    const [a, b, c, d] = server.requests.map((r) => r.headers['idempotency-key']);
    expect(a).not.toBe(b);
    expect(c).toBe('mine-1');
    expect(d).toBeUndefined();
  });

  it('gives up after maxRetries and throws the last error', async () => {
    const { server, client } = await setup(() => ({
      status: 429,
      json: rateLimitBody(),
      headers: { 'retry-after-ms': '1' },
    }));
    const error = await client.chat.completions.create(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(RateLimitError);
    expect(error).toMatchObject({ status: 429, code: 'rate_limit_exceeded' });
    expect(server.requests).toHaveLength(3);
  });

  it('honours per-request maxRetries', async () => {
    const { server, client } = await setup(() => ({ status: 500 }), { maxRetries: 5 });
    await expect(client.models.list({ maxRetries: 0 })).rejects.toBeInstanceOf(InternalServerError);
    expect(server.requests).toHaveLength(1);
  });

  it('does not retry insufficient_quota', async () => {
    const { server, client } = await setup(() => ({
      status: 429,
      json: rateLimitBody('insufficient_quota'),
      headers: { 'x-should-retry': 'true' },
    }));
    await expect(client.chat.completions.create(body)).rejects.toMatchObject({
      name: 'RateLimitError',
      code: 'insufficient_quota',
    });
    expect(server.requests).toHaveLength(1);
  });

  it('obeys x-should-retry in both directions', async () => {
    const no = await setup(() => ({ status: 503, headers: { 'x-should-retry': 'false' } }));
    await expect(no.client.models.list()).rejects.toBeInstanceOf(InternalServerError);
    expect(no.server.requests).toHaveLength(1);
    const yes = await setup([
      { status: 400, headers: { 'x-should-retry': 'true' } },
      { json: { object: 'list', data: [] } },
    ]);
    await expect(yes.client.models.list()).resolves.toBeDefined();
    expect(yes.server.requests).toHaveLength(2);
  });

  it('does not retry 400 or 404', async () => {
    const { server, client } = await setup([
      { status: 400, json: { error: { message: 'bad' } } },
      { status: 404, json: { error: { message: 'no' } } },
    ]);
    await expect(client.chat.completions.create(body)).rejects.toBeInstanceOf(BadRequestError);
    await expect(client.models.retrieve('x')).rejects.toBeInstanceOf(NotFoundError);
    expect(server.requests).toHaveLength(2);
  });

  it('waits what retry-after-ms says', async () => {
    const { client, reports } = await setup([
      { status: 429, headers: { 'retry-after-ms': '40' } },
      { json: { object: 'list', data: [] } },
    ]);
    const started = performance.now();
    await client.models.list();
    expect(performance.now() - started).toBeGreaterThanOrEqual(35);
    expect(reports[0]?.retryDelayMs).toBe(40);
  });

  it('retries a connection reset', async () => {
    const { server, client, reports } = await setup([{ reset: true }, { json: chatCompletion() }]);
    await expect(client.chat.completions.create(body)).resolves.toMatchObject({ id: 'chatcmpl-1' });
    expect(server.requests).toHaveLength(2);
    expect(reports[0]).toMatchObject({ outcome: 'connection-error', status: undefined, willRetry: true });
  });

  it('throws APIConnectionError naming the call after resets exhaust the retries', async () => {
    const { server, client } = await setup(() => ({ reset: true }), { maxRetries: 1 });
    const error = await client.chat.completions.create(body).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(
      new RegExp(`^Connection error: POST ${server.baseURL}/chat/completions: fetch failed`),
    );
    expect((error as Error).cause).toBeDefined();
    expect(server.requests).toHaveLength(2);
  });

  it('retries a JSON body cut mid-way by a reset', async () => {
    const { server, client } = await setup([
      { json: chatCompletion('long answer'), cutAfterBytes: 20 },
      { json: chatCompletion() },
    ]);
    await expect(client.chat.completions.create(body)).resolves.toMatchObject({ id: 'chatcmpl-1' });
    expect(server.requests).toHaveLength(2);
  });

  it('times out a hanging attempt, retries it, then throws APIConnectionTimeoutError', async () => {
    const { server, client, reports } = await setup(() => ({ hang: true }), { timeout: 30, maxRetries: 1 });
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIConnectionTimeoutError);
    expect((error as Error).message).toMatch(/took longer than 30 ms/);
    expect(server.requests).toHaveLength(2);
    expect(reports.map((r) => r.outcome)).toEqual(['timeout', 'timeout']);
  });

  it('times out a response whose JSON body stalls after the headers', async () => {
    const stall: Script = [
      (_req, res) => {
        res.writeHead(200, { 'content-type': 'application/json' });
        res.write('{"object":');
      },
      { json: { object: 'list', data: [] } },
    ];
    const { server, client } = await setup(stall, { timeout: 40 });
    await expect(client.models.list()).resolves.toBeDefined();
    expect(server.requests).toHaveLength(2);
  });

  it('uses the per-request timeout over the client one', async () => {
    const { client } = await setup(() => ({ hang: true }), { timeout: 60_000, maxRetries: 0 });
    await expect(client.models.list({ timeout: 20 })).rejects.toBeInstanceOf(APIConnectionTimeoutError);
  });

  it('rejects with APIUserAbortError when the signal aborts a request in flight, without retrying', async () => {
    const { server, client } = await setup(() => ({ hang: true }));
    const controller = new AbortController();
    const pending = client.models.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 20);
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
    await server.requests[0]?.closed;
  });

  it('rejects with APIUserAbortError when the signal aborts during the backoff wait', async () => {
    const { server, client } = await setup(() => ({ status: 500, headers: { 'retry-after-ms': '5000' } }));
    const controller = new AbortController();
    const pending = client.models.list({ signal: controller.signal });
    setTimeout(() => controller.abort(), 50);
    await expect(pending).rejects.toBeInstanceOf(APIUserAbortError);
    expect(server.requests).toHaveLength(1);
  });

  it('rejects at once when the signal is already aborted', async () => {
    const { server, client } = await setup([]);
    await expect(client.models.list({ signal: AbortSignal.abort() })).rejects.toBeInstanceOf(
      APIUserAbortError,
    );
    expect(server.requests).toHaveLength(0);
  });

  it('turns a gateway HTML page into a useful InternalServerError after retrying', async () => {
    const html = '<html><head><title>504 Gateway Time-out</title></head><body>nginx</body></html>';
    const { server, client } = await setup(() => ({
      status: 504,
      body: html,
      headers: { 'content-type': 'text/html' },
    }));
    const error = await client.models.list().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InternalServerError);
    expect((error as Error).message).toMatch(/^504 non-JSON error body \(HTML.*"504 Gateway Time-out"/);
    expect(server.requests).toHaveLength(3);
  });

  it('does not retry a 200 whose body is not JSON, and says what came back', async () => {
    const { server, client } = await setup([
      { body: '<html><title>Login</title></html>', headers: { 'content-type': 'text/html' } },
    ]);
    await expect(client.models.list()).rejects.toThrow(
      /^200 expected a JSON body, got a non-JSON body \(HTML.*"Login"/,
    );
    expect(server.requests).toHaveLength(1);
  });
});
