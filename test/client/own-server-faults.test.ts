// The parity table of parity-sdk.test.ts, driven by OUR OWN server's fault rules (POST /__mock/faults)
// instead of a scripted server: each row runs our OpenAIClient and the official `openai` SDK against the
// same rule, each in its own `x-mock-test-id` scope (so they run side by side and their rule counters and
// journal entries stay apart), and asserts the same outcome class and the same number of attempts, counted
// from the server's journal. Rows with `divergence` are where this client differs on purpose
// (src/client/README.md): each side's documented behaviour is asserted separately.

import type { IncomingMessage } from 'node:http';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();

type Call = 'models.list' | 'chat.create' | 'chat.stream' | 'responses.stream';

interface Outcome {
  /** `ok`, or the error's class name; for streams, `@N` adds how many items arrived first. */
  result: string;
  attempts: number;
}

interface Row {
  name: string;
  /** A fault rule as POST /__mock/faults takes it (the scope comes from the x-mock-test-id header). */
  rule: Record<string, unknown>;
  call: Call;
  maxRetries?: number;
  timeout?: number;
  expected: Outcome;
  /** Where this client differs on purpose: the official SDK's outcome. */
  divergence?: { sdk: Outcome; why: string };
  /** Extra checks on one side's run (the error, and the scope's journal). */
  check?: (run: Run) => void;
}

interface Run {
  side: 'ours' | 'sdk';
  outcome: Outcome;
  error: unknown;
  /** Request start times on the server's clock, one per attempt. */
  times: number[];
  /** Stream items read (chunks or events), before the end or the error. */
  items: number;
}

const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
const responsesBody = { model: 'gpt-4o-mini', input: 'Say hello.' };
const onChat = { method: 'POST', path: '/chat/completions' };

const ROWS: Row[] = [
  {
    name: '429 twice, then success',
    rule: {
      match: onChat,
      sequence: [{ status: 429, retryAfterMs: 1 }, { status: 429, retryAfterMs: 1 }, 'pass'],
    },
    call: 'chat.create',
    expected: { result: 'ok', attempts: 3 },
  },
  {
    name: '429 (rate_limit_tokens) until retries run out',
    rule: { match: onChat, kind: 'rate_limit_tokens', retryAfterMs: 1 },
    call: 'chat.create',
    expected: { result: 'RateLimitError', attempts: 3 },
  },
  {
    name: '503 three times: retries run out',
    rule: { match: onChat, status: 503, times: 3, retryAfterMs: 1 },
    call: 'chat.create',
    expected: { result: 'InternalServerError', attempts: 3 },
    check: ({ error }) => expect((error as Error).message).toMatch(/overloaded/),
  },
  {
    name: '500 with maxRetries 0',
    rule: { status: 500, retryAfterMs: 1 },
    call: 'models.list',
    maxRetries: 0,
    expected: { result: 'InternalServerError', attempts: 1 },
  },
  {
    name: 'insufficient_quota (the server sends x-should-retry: false)',
    rule: { match: onChat, kind: 'insufficient_quota', retryAfterMs: 1 },
    call: 'chat.create',
    expected: { result: 'RateLimitError', attempts: 1 },
    check: ({ error }) =>
      expect(error).toMatchObject({ status: 429, code: 'insufficient_quota', type: 'insufficient_quota' }),
  },
  {
    name: 'insufficient_quota with x-should-retry: true',
    rule: { match: onChat, kind: 'insufficient_quota', shouldRetry: true, retryAfterMs: 1 },
    call: 'chat.create',
    expected: { result: 'RateLimitError', attempts: 1 },
    divergence: {
      sdk: { result: 'RateLimitError', attempts: 3 },
      why: 'waiting does not add credit, so we never retry insufficient_quota; the SDK obeys x-should-retry',
    },
  },
  {
    name: 'retry-after-ms spaces the attempts',
    rule: {
      match: onChat,
      sequence: [
        { status: 429, retryAfterMs: 80 },
        { status: 500, retryAfterMs: 80 },
      ],
    },
    call: 'chat.create',
    expected: { result: 'ok', attempts: 3 },
    check: ({ times }) => {
      // At least the hint, and under the SDK's shortest backoff (375 ms), so a side that ignored the hint
      // and backed off instead would fail too.
      for (const gap of [times[1]! - times[0]!, times[2]! - times[1]!]) {
        expect(gap).toBeGreaterThanOrEqual(79);
        expect(gap).toBeLessThan(375);
      }
    },
  },
  {
    name: '503 with x-should-retry: false',
    rule: { status: 503, shouldRetry: false },
    call: 'models.list',
    expected: { result: 'InternalServerError', attempts: 1 },
  },
  {
    name: '400 with x-should-retry: true, then success',
    rule: { sequence: [{ status: 400, shouldRetry: true, retryAfterMs: 1 }, 'pass'] },
    call: 'models.list',
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: '502 and 504 HTML pages from the gateway, then success',
    rule: {
      match: onChat,
      sequence: [{ status: 502, retryAfterMs: 1 }, { status: 504, retryAfterMs: 1 }, 'pass'],
    },
    call: 'chat.create',
    expected: { result: 'ok', attempts: 3 },
  },
  {
    name: '502 HTML page until retries run out',
    rule: { status: 502, retryAfterMs: 1 },
    call: 'models.list',
    expected: { result: 'InternalServerError', attempts: 3 },
    check: ({ error }) => {
      expect(error).toMatchObject({ status: 502 });
      expect((error as Error).message).toContain('502 Bad Gateway');
    },
  },
  {
    name: '504 HTML page with maxRetries 0',
    rule: { status: 504 },
    call: 'chat.create',
    maxRetries: 0,
    expected: { result: 'InternalServerError', attempts: 1 },
    check: ({ error }) => expect((error as Error).message).toContain('504 Gateway Time-out'),
  },
  {
    name: '408 then 409, then success',
    rule: {
      sequence: [{ status: 408, retryAfterMs: 1 }, { status: 409, retryAfterMs: 1 }, 'pass'],
    },
    call: 'models.list',
    expected: { result: 'ok', attempts: 3 },
  },
  {
    name: '409 until retries run out',
    rule: { match: onChat, status: 409, retryAfterMs: 1 },
    call: 'chat.create',
    maxRetries: 1,
    expected: { result: 'ConflictError', attempts: 2 },
  },
  {
    name: 'a 400 is not retried',
    rule: { match: onChat, status: 400, retryAfterMs: 1 },
    call: 'chat.create',
    expected: { result: 'BadRequestError', attempts: 1 },
  },
  {
    name: 'connection reset once, then success',
    rule: { type: 'reset', times: 1 },
    call: 'chat.create',
    maxRetries: 1,
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: 'connection reset every time',
    rule: { type: 'reset' },
    call: 'models.list',
    maxRetries: 1,
    expected: { result: 'APIConnectionError', attempts: 2 },
  },
  {
    name: 'hang until the 300 ms timeout, every time',
    rule: { type: 'hang' },
    call: 'chat.create',
    maxRetries: 1,
    timeout: 300,
    expected: { result: 'APIConnectionTimeoutError', attempts: 2 },
  },
  {
    name: 'hang once, then success',
    rule: { type: 'hang', times: 1 },
    call: 'models.list',
    maxRetries: 1,
    timeout: 300,
    expected: { result: 'ok', attempts: 2 },
  },
  {
    name: '429 before a chat stream, then the stream',
    rule: { match: onChat, sequence: [{ status: 429, retryAfterMs: 1 }, 'pass'] },
    call: 'chat.stream',
    expected: { result: 'ok', attempts: 2 },
    check: ({ items }) => expect(items).toBeGreaterThan(2),
  },
  {
    name: 'a chat stream cut after 2 chunks',
    rule: { match: onChat, type: 'stream_cut', afterEvents: 2 },
    call: 'chat.stream',
    expected: { result: 'APIConnectionError@2', attempts: 1 },
    divergence: {
      sdk: { result: 'TypeError@2', attempts: 1 },
      why: 'the SDK lets the fetch TypeError("terminated") through; we throw a typed APIConnectionError',
    },
  },
  {
    name: 'a Responses stream cut after 3 events',
    rule: { match: { path: '/responses' }, type: 'stream_cut', afterEvents: 3 },
    call: 'responses.stream',
    expected: { result: 'APIConnectionError@3', attempts: 1 },
    divergence: {
      sdk: { result: 'TypeError@3', attempts: 1 },
      why: 'the SDK lets the fetch TypeError("terminated") through; we throw a typed APIConnectionError',
    },
  },
  {
    name: 'a malformed chat stream event after 1 chunk',
    rule: { match: onChat, type: 'stream_malformed', afterEvents: 1 },
    call: 'chat.stream',
    expected: { result: 'OpenAIClientError@1', attempts: 1 },
    divergence: {
      sdk: { result: 'SyntaxError@1', attempts: 1 },
      why: "the SDK throws JSON.parse's SyntaxError; we throw our own error naming the bad data",
    },
    check: ({ side, error }) => {
      if (side === 'ours') expect((error as Error).message).toMatch(/an event's data is not JSON/);
    },
  },
];

async function consume(iterable: AsyncIterable<unknown>, count: { n: number }) {
  for await (const _ of iterable) count.n++;
}

async function runOurs(row: Row, scope: string, count: { n: number }): Promise<void> {
  const client = new OpenAIClient({
    apiKey: 'sk-test',
    baseURL: server.url,
    maxRetries: row.maxRetries ?? 2,
    timeout: row.timeout ?? 5000,
    backoff: { initialDelayMs: 1, maxDelayMs: 2 },
    defaultHeaders: { 'x-mock-test-id': scope },
  });
  switch (row.call) {
    case 'models.list':
      await client.models.list();
      break;
    case 'chat.create':
      await client.chat.completions.create(chat);
      break;
    case 'chat.stream':
      await consume(await client.chat.completions.create({ ...chat, stream: true }), count);
      break;
    case 'responses.stream':
      await consume(await client.responses.create({ ...responsesBody, stream: true }), count);
      break;
  }
}

async function runSDK(row: Row, scope: string, count: { n: number }): Promise<void> {
  const client = new OpenAI({
    apiKey: 'sk-test',
    baseURL: server.url,
    maxRetries: row.maxRetries ?? 2,
    timeout: row.timeout ?? 5000,
    logLevel: 'off',
    defaultHeaders: { 'x-mock-test-id': scope },
  });
  switch (row.call) {
    case 'models.list':
      await client.models.list();
      break;
    case 'chat.create':
      await client.chat.completions.create(chat);
      break;
    case 'chat.stream':
      await consume(await client.chat.completions.create({ ...chat, stream: true }), count);
      break;
    case 'responses.stream':
      await consume(await client.responses.create({ ...responsesBody, stream: true }), count);
      break;
  }
}

async function addRule(rule: Record<string, unknown>, scope: string): Promise<void> {
  const res = await fetch(`${server.origin}/__mock/faults`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-mock-test-id': scope },
    body: JSON.stringify(rule),
  });
  expect(res.status, await res.clone().text()).toBe(201);
}

async function run(row: Row, side: 'ours' | 'sdk', scope: string, expected: Outcome): Promise<Run> {
  await addRule(row.rule, scope);
  let result = 'ok';
  let error: unknown;
  const count = { n: 0 };
  try {
    await (side === 'ours' ? runOurs : runSDK)(row, scope, count);
  } catch (caught) {
    error = caught;
    result = (caught as Error).constructor.name;
    if (row.call.endsWith('.stream')) result += `@${count.n}`;
  }
  // A hang is journaled when the server notices the client leaving, a moment after the call gave up. A
  // shortfall is left for the outcome comparison below to report.
  await expect
    .poll(() => server.journal.entries({ scope }).length, { timeout: 1000 })
    .toBeGreaterThanOrEqual(expected.attempts)
    .catch(() => {});
  const entries = server.journal.entries({ scope });
  return {
    side,
    outcome: { result, attempts: entries.length },
    error,
    times: entries.map((e) => e.time),
    items: count.n,
  };
}

describe("parity with the official SDK under our own server's faults", () => {
  describe.each(ROWS.filter((row) => !row.divergence))('$name', (row) => {
    it('gives the same outcome and attempt count with both clients', async () => {
      const [ours, sdk] = await Promise.all([
        run(row, 'ours', 'ours', row.expected),
        run(row, 'sdk', 'sdk', row.expected),
      ]);
      expect({ ours: ours.outcome, sdk: sdk.outcome }).toEqual({ ours: row.expected, sdk: row.expected });
      row.check?.(ours);
      row.check?.(sdk);
    });
  });

  describe.each(ROWS.filter((row) => row.divergence))('$name (deliberate divergence)', (row) => {
    it(`differs on purpose: ${row.divergence?.why}`, async () => {
      const sdkExpected = row.divergence!.sdk;
      const [ours, sdk] = await Promise.all([
        run(row, 'ours', 'ours', row.expected),
        run(row, 'sdk', 'sdk', sdkExpected),
      ]);
      expect({ ours: ours.outcome, sdk: sdk.outcome }).toEqual({ ours: row.expected, sdk: sdkExpected });
      row.check?.(ours);
      row.check?.(sdk);
    });
  });
});

/** Headers of every API request as they reached the server's socket, faulted attempts included. */
function captureRequestHeaders(scope: string) {
  const seen: Array<{ method: string; url: string; headers: IncomingMessage['headers'] }> = [];
  const listener = (req: IncomingMessage) => {
    if (req.headers['x-mock-test-id'] === scope)
      seen.push({ method: req.method ?? '', url: req.url ?? '', headers: req.headers });
  };
  server.app.server.on('request', listener);
  return { seen, stop: () => server.app.server.off('request', listener) };
}

describe('what each attempt carries', () => {
  const ours = (scope: string) =>
    new OpenAIClient({
      apiKey: 'sk-test',
      baseURL: server.url,
      backoff: { initialDelayMs: 1, maxDelayMs: 2 },
      defaultHeaders: { 'x-mock-test-id': scope },
    });

  it('sends one idempotency-key on every attempt of a POST, a new one per call, and x-stainless-retry-count 0, 1, 2', async () => {
    // Each rule fails only the attempt whose retry count it names: the server itself sees 0, then 1.
    const first = server.engine.faults.add({
      match: { header: { 'x-stainless-retry-count': '0' } },
      status: 429,
      retryAfterMs: 1,
    });
    const second = server.engine.faults.add({
      match: { header: { 'x-stainless-retry-count': '1' } },
      status: 503,
      retryAfterMs: 1,
    });
    const capture = captureRequestHeaders('keys');
    try {
      const client = ours('keys');
      expect((await client.chat.completions.create(chat)).object).toBe('chat.completion');
      const journal = server.journal.entries({ scope: 'keys' });
      expect(journal.map((e) => [e.status, e.fault?.ruleId ?? null])).toEqual([
        [429, first.id],
        [503, second.id],
        [200, null],
      ]);
      expect(capture.seen.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
      const keys = capture.seen.map((r) => r.headers['idempotency-key']);
      expect(keys[0]).toMatch(/\S{16,}/);
      expect(new Set(keys)).toEqual(new Set([keys[0]]));

      await client.chat.completions.create(chat);
      const next = capture.seen.slice(3).map((r) => r.headers['idempotency-key']);
      expect(next).toHaveLength(3);
      expect(new Set(next).size).toBe(1);
      expect(next[0]).not.toBe(keys[0]);

      await client.models.list();
      expect(capture.seen.at(-1)).toMatchObject({ method: 'GET', url: '/v1/models' });
      expect(capture.seen.at(-1)?.headers['idempotency-key']).toBeUndefined();
    } finally {
      capture.stop();
    }
  });

  it("keeps the caller's idempotencyKey on every attempt, as a rule matching that key sees", async () => {
    const rule = server.engine.faults.add({
      match: { header: { 'idempotency-key': 'order-42' } },
      status: 500,
      retryAfterMs: 1,
    });
    const error = await ours('caller-key')
      .chat.completions.create(chat, { idempotencyKey: 'order-42' })
      .catch((e: unknown) => e);
    expect((error as Error).constructor.name).toBe('InternalServerError');
    expect(server.journal.entries({ scope: 'caller-key' }).map((e) => e.fault?.ruleId)).toEqual([
      rule.id,
      rule.id,
      rule.id,
    ]);
  });

  it('matches the official SDK on x-stainless-retry-count; the SDK sends no idempotency-key to OpenAI', async () => {
    server.engine.faults.add({
      sequence: [{ status: 429, retryAfterMs: 1 }, { status: 429, retryAfterMs: 1 }, 'pass'],
    });
    const capture = captureRequestHeaders('sdk-keys');
    try {
      const sdk = new OpenAI({
        apiKey: 'sk-test',
        baseURL: server.url,
        logLevel: 'off',
        defaultHeaders: { 'x-mock-test-id': 'sdk-keys' },
      });
      await sdk.chat.completions.create(chat);
      expect(capture.seen.map((r) => r.headers['x-stainless-retry-count'])).toEqual(['0', '1', '2']);
      expect(capture.seen.map((r) => r.headers['idempotency-key'])).toEqual([
        undefined,
        undefined,
        undefined,
      ]);
    } finally {
      capture.stop();
    }
  });
});
