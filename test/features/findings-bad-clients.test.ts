// Each finding driven by a small hand-written client that gets retrying wrong, next to the same client
// doing it right (no finding). Time is a virtual clock: a client "waits" by advancing it, so gaps are exact.
import type { Socket } from 'node:net';
import { describe, expect, it } from 'vitest';
import { createVirtualClock, type Finding } from '../../src/index.js';
import { startMockServer } from '../../src/server/index.js';
import { useMockServer } from '../helpers/server.js';

const clock = createVirtualClock();
const server = await useMockServer({ clock, features: { findings: { streamIdleMs: 1000 } } });
const chat = (content = 'Say hello.') => ({ model: 'gpt-4o-mini', messages: [{ role: 'user', content }] });
const onChat = { method: 'POST', path: '/chat/completions' };

/** A bare client: one fetch per call, no retry logic of its own; the test decides when it "retries". */
function client(origin = server.url, key = 'sk-bad-client-0001') {
  return async (body: unknown, headers: Record<string, string> = {}) => {
    const res = await fetch(`${origin}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}`, ...headers },
      body: JSON.stringify(body),
    });
    await res.arrayBuffer();
    return res.status;
  };
}
const wait = (ms: number) => clock.advance(ms);
const kinds = (findings: Finding[]) => findings.map((f) => f.kind);

describe('early_retry', () => {
  it('is found when a client retries 3 ms after a 429 that asked for 500 ms, with the gap and the asked delay', async () => {
    server.engine.faults.add({ match: onChat, status: 429, retryAfterMs: 500, times: 1 });
    const send = client();
    expect(await send(chat())).toBe(429);
    await wait(3);
    expect(await send(chat())).toBe(200);
    const [finding, ...rest] = server.engine.findings.list();
    expect(rest).toEqual([]);
    expect(finding).toMatchObject({
      kind: 'early_retry',
      details: { gapMs: 3, askedMs: 500, status: 429 },
      method: 'POST',
      path: '/v1/chat/completions',
      apiKey: 'sk-…0001',
    });
    expect(finding!.message).toMatch(
      /^your client retried 3 ms after a 429 that asked for 500 ms \(retry-after-ms: 500\); wait at least/,
    );
    // In the journal entry of the retry, not of the 429.
    const entries = server.journal.entries();
    expect(entries.map((e) => e.findings.map((f) => f.kind))).toEqual([[], ['early_retry']]);
    expect(entries[1]!.findings[0]!.id).toBe(finding!.id);
  });

  it('reads retry-after in seconds too', async () => {
    server.engine.faults.add({ match: onChat, status: 503, retryAfter: 2, times: 1 });
    const send = client();
    await send(chat());
    await wait(1500);
    await send(chat());
    expect(server.engine.findings.list()[0]?.message).toMatch(
      /^your client retried 1.5 s after a 503 that asked for 2 s \(retry-after: 2\)/,
    );
  });

  it('is not found when the client waits as asked', async () => {
    server.engine.faults.add({
      match: onChat,
      sequence: [{ status: 429, retryAfterMs: 500 }, { status: 503, retryAfter: 1 }, 'pass'],
    });
    const send = client();
    await send(chat());
    await wait(500);
    await send(chat());
    await wait(1000);
    expect(await send(chat())).toBe(200);
    expect(server.engine.findings.list()).toEqual([]);
  });
});

describe('no_backoff', () => {
  it('is found when a client retries 500s three times at fixed 10 ms gaps', async () => {
    server.engine.faults.add({ match: onChat, status: 500, times: 3 });
    const send = client();
    for (let i = 0; i < 3; i++) {
      expect(await send(chat())).toBe(500);
      await wait(10);
    }
    expect(await send(chat())).toBe(200);
    expect(server.engine.findings.list()).toMatchObject([
      { kind: 'no_backoff', details: { gapsMs: [10, 10, 10], statuses: [500, 500, 500] } },
    ]);
    expect(server.engine.findings.list()[0]!.message).toMatch(
      /^your client retried POST \/v1\/chat\/completions 3 times at near-constant gaps \(10 ms, 10 ms, 10 ms\) after failures that asked for no delay; back off exponentially/,
    );
  });

  it('is found for instant retries after connection resets, once per request', async () => {
    server.engine.faults.add({ match: onChat, type: 'reset', times: 5 });
    const send = client();
    for (let i = 0; i < 5; i++) await send(chat()).catch(() => 0);
    expect(await send(chat())).toBe(200);
    expect(kinds(server.engine.findings.list())).toEqual(['no_backoff']);
  });

  it('is not found for exponential backoff, nor for two quick retries', async () => {
    server.engine.faults.add({ match: onChat, status: 500, times: 3 });
    const send = client();
    for (const gap of [500, 1000, 2000]) {
      await send(chat());
      await wait(gap);
    }
    expect(await send(chat())).toBe(200);
    server.engine.faults.add({ match: onChat, status: 502, times: 2 });
    for (let i = 0; i < 3; i++) await send(chat('Another request.'));
    expect(server.engine.findings.list()).toEqual([]);
  });
});

describe('retried_non_retryable', () => {
  it.each([
    [
      'a 401 (invalid_api_key)',
      { requireApiKey: 'sk-the-right-key' },
      undefined,
      /after a 401 \(invalid_api_key\), which the API marks as final \(a 401\)/,
    ],
    [
      'insufficient_quota',
      {},
      { kind: 'insufficient_quota' },
      /after a 429 \(insufficient_quota\), which the API marks as final \(x-should-retry: false\)/,
    ],
    [
      'a 503 with x-should-retry: false',
      {},
      { status: 503, shouldRetry: false },
      /after a 503 \(server_error\), which the API marks as final \(x-should-retry: false\)/,
    ],
    [
      'a 404 (model_not_found)',
      {},
      undefined,
      /after a 404 \(model_not_found\), which the API marks as final/,
    ],
  ])('is found when a client retries %s', async (_name, options, fault, message) => {
    const clock2 = createVirtualClock();
    await using own = await startMockServer({ port: 0, clock: clock2, warn: () => {}, ...options });
    if (fault) own.engine.faults.add({ match: onChat, ...fault });
    const send = client(own.url, 'sk-wrong-key-0002');
    const body = _name.includes('404') ? { ...chat(), model: 'gpt-nonexistent' } : chat();
    const first = await send(body);
    expect(first).toBeGreaterThanOrEqual(400);
    for (let i = 0; i < 3; i++) {
      await clock2.advance(2000);
      await send(body);
    }
    const findings = own.engine.findings.list();
    expect(kinds(findings)).toEqual(['retried_non_retryable']);
    expect(findings[0]!.message).toMatch(message);
  });

  it('is found for a retried 400 from request validation', async () => {
    const send = client();
    const bad = { model: 'gpt-4o-mini', messages: 'not a list' };
    expect(await send(bad)).toBe(400);
    await wait(1000);
    expect(await send(bad)).toBe(400);
    expect(server.engine.findings.list()).toMatchObject([
      { kind: 'retried_non_retryable', details: { status: 400 } },
    ]);
  });

  it('is not found when the server says x-should-retry: true on a 400', async () => {
    server.engine.faults.add({ match: onChat, status: 400, shouldRetry: true, times: 1 });
    const send = client();
    await send(chat());
    await wait(500);
    expect(await send(chat())).toBe(200);
    expect(server.engine.findings.list()).toEqual([]);
  });
});

describe('idempotency keys', () => {
  it('idempotency_key_changed: a client that rotates its key on every attempt', async () => {
    server.engine.faults.add({ match: onChat, status: 503, retryAfterMs: 100, times: 2 });
    const send = client();
    for (const key of ['key-1', 'key-2', 'key-3']) {
      await send(chat(), { 'idempotency-key': key });
      await wait(100);
    }
    const findings = server.engine.findings.list();
    expect(findings).toMatchObject([
      { kind: 'idempotency_key_changed', details: { keys: ['key-1', 'key-2'] } },
    ]);
    expect(findings[0]!.message).toMatch(
      /sent a different Idempotency-Key on a retry of POST \/v1\/chat\/completions \('key-1', then 'key-2'\)/,
    );
  });

  it('idempotency_key_missing: a client that sends keys, but not on its retries', async () => {
    server.engine.faults.add({ match: onChat, status: 503, retryAfterMs: 100, times: 1 });
    const send = client();
    await send(chat(), { 'idempotency-key': 'key-1' });
    await wait(100);
    await send(chat());
    expect(kinds(server.engine.findings.list())).toEqual(['idempotency_key_missing']);
  });

  it('finds nothing when every attempt carries the same key, or when the client never sends keys', async () => {
    server.engine.faults.add({ match: onChat, status: 503, retryAfterMs: 100, times: 2 });
    await client()(chat(), { 'idempotency-key': 'key-1' });
    await wait(100);
    await client()(chat(), { 'idempotency-key': 'key-1' });
    await wait(100);
    const other = client(server.url, 'sk-keyless-client-03');
    server.engine.faults.add({ match: onChat, status: 503, retryAfterMs: 100, times: 1, countPer: 'apiKey' });
    await other(chat());
    await wait(100);
    await other(chat());
    expect(server.engine.findings.list()).toEqual([]);
  });
});

describe('rate_limit_ignored', () => {
  it('is found when a client keeps sending new requests after a 429 told it to wait', async () => {
    server.engine.rateLimits.configure({ rpm: 2 });
    const send = client();
    expect(await send(chat('one'))).toBe(200);
    expect(await send(chat('two'))).toBe(200);
    expect(await send(chat('three'))).toBe(429);
    for (const content of ['four', 'five', 'six']) {
      await wait(5);
      expect(await send(chat(content))).toBe(429);
    }
    const findings = server.engine.findings.list();
    expect(findings).toMatchObject([{ kind: 'rate_limit_ignored', details: { sent: 3, withinMs: 15 } }]);
    expect(findings[0]!.message).toMatch(
      /^your client sent 3 requests in the 15 ms after a 429 asked it to wait 30 s; stop sending/,
    );
  });

  it('is not found when the client waits out the 429', async () => {
    server.engine.rateLimits.configure({ rpm: 2 });
    const send = client();
    await send(chat('one'));
    await send(chat('two'));
    expect(await send(chat('three'))).toBe(429);
    await wait(30_000);
    expect(await send(chat('three'))).toBe(200);
    await wait(30_000);
    expect(await send(chat('four'))).toBe(200);
    expect(server.engine.findings.list()).toEqual([]);
  });
});

describe('stream_not_closed', () => {
  // Long enough to fill the socket buffers of a client that stops reading (one event per token).
  const long = 'The quick brown fox jumps over the lazy dog. '.repeat(6000);
  const streamBody = { ...chat('Tell a long story.'), stream: true };

  async function openStream() {
    const socket = new Promise<Socket>((resolve) =>
      server.app.server.once('request', (req) => resolve(req.socket)),
    );
    server.engine.fixtures.add({ match: { user: 'long story' }, reply: { text: long } });
    const res = await fetch(`${server.url}/chat/completions`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: 'Bearer sk-bad-client-0001' },
      body: JSON.stringify(streamBody),
    });
    const reader = res.body!.getReader();
    await reader.read();
    return { reader, socket: await socket };
  }

  it('is found when a client reads one chunk, then neither reads on nor cancels', async () => {
    const { reader } = await openStream();
    // The server notices once its writes back up; each advance gives it another idle second to notice.
    await expect
      .poll(async () => {
        await wait(1000);
        return kinds(server.engine.findings.list());
      })
      .toEqual(['stream_not_closed']);
    const finding = server.engine.findings.list()[0]!;
    expect(finding.message).toMatch(
      /^your client stopped reading the stream of POST \/v1\/chat\/completions after \d+ events and kept the connection open for 1 s without cancelling it/,
    );
    expect(
      server.journal
        .entries()
        .at(-1)!
        .findings.map((f) => f.kind),
    ).toEqual(['stream_not_closed']);
    await reader.cancel();
  });

  it('is not found when the client cancels the stream it stops reading', async () => {
    const { reader, socket } = await openStream();
    await reader.cancel();
    // Virtual time must not outrun the close reaching the server.
    if (!socket.destroyed) await new Promise((resolve) => socket.once('close', resolve));
    for (let i = 0; i < 3; i++) await wait(1000);
    expect(server.engine.findings.list()).toEqual([]);
  });
});

describe('the admin API and the programmatic API', () => {
  it('lists findings per x-mock-test-id at GET /__mock/findings and clears them with DELETE', async () => {
    server.engine.faults.add({ match: onChat, status: 429, retryAfterMs: 500 });
    for (const test of ['test-a', 'test-b']) {
      const send = client();
      await send(chat(), { 'x-mock-test-id': test });
      await send(chat(), { 'x-mock-test-id': test });
    }
    const get = async (query: string, headers: Record<string, string> = {}) =>
      (
        (await (await fetch(`${server.origin}/__mock/findings${query}`, { headers })).json()) as {
          findings: Finding[];
        }
      ).findings;
    expect((await get('')).map((f) => f.scope)).toEqual(['test-a', 'test-b']);
    expect((await get('?scope=test-a')).map((f) => f.scope)).toEqual(['test-a']);
    expect((await get('', { 'x-mock-test-id': 'test-b' })).map((f) => f.scope)).toEqual(['test-b']);
    expect(server.engine.findings.list({ scope: 'test-b' })).toHaveLength(1);
    expect((await fetch(`${server.origin}/__mock/findings`, { method: 'DELETE' })).status).toBe(204);
    expect(await get('')).toEqual([]);
  });
});
