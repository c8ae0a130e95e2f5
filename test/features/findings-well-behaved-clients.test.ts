// The official `openai` SDK and our own client, with default settings, through the whole fault table: the
// server must find nothing to blame them for. Every row runs both clients side by side, each in its own
// x-mock-test-id (so rule counters, journal entries and findings stay apart), and checks the attempts the
// server saw, so a row that stopped exercising retries would fail too. Retry hints are small to keep it fast.
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/index.js';
import { createVirtualClock } from '../../src/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
const onChat = { method: 'POST', path: '/chat/completions' };

interface Row {
  name: string;
  rule: Record<string, unknown>;
  call: 'chat' | 'chat.stream' | 'responses.stream' | 'models';
  /** Attempts the server sees, per client when they differ on purpose. */
  attempts: number | { sdk: number; ours: number };
  /** Only where a hang needs one: the default is 10 minutes. */
  timeout?: number;
}

const ROWS: Row[] = [
  {
    name: '429 with retry-after-ms twice, then success',
    rule: {
      match: onChat,
      sequence: [{ status: 429, retryAfterMs: 20 }, { status: 429, retryAfterMs: 20 }, 'pass'],
    },
    call: 'chat',
    attempts: 3,
  },
  {
    name: '429 rate_limit_tokens until retries run out',
    rule: { match: onChat, kind: 'rate_limit_tokens', retryAfterMs: 20 },
    call: 'chat',
    attempts: 3,
  },
  {
    name: '429 with retry-after: 1 (seconds), then success',
    rule: { match: onChat, sequence: [{ status: 429, retryAfter: 1 }, 'pass'] },
    call: 'chat',
    attempts: 2,
  },
  {
    name: '500 without a hint, then success (backoff)',
    rule: { match: onChat, sequence: [500, 'pass'] },
    call: 'chat',
    attempts: 2,
  },
  {
    name: '503 three times',
    rule: { match: onChat, status: 503, retryAfterMs: 20, times: 3 },
    call: 'chat',
    attempts: 3,
  },
  {
    name: '502 and 504 gateway pages without hints, then success',
    rule: { match: onChat, sequence: [502, 504, 'pass'] },
    call: 'chat',
    attempts: 3,
  },
  {
    name: '408 then 409, then success',
    rule: { sequence: [{ status: 408, retryAfterMs: 20 }, { status: 409, retryAfterMs: 20 }, 'pass'] },
    call: 'models',
    attempts: 3,
  },
  {
    name: 'insufficient_quota',
    rule: { match: onChat, kind: 'insufficient_quota' },
    call: 'chat',
    attempts: 1,
  },
  {
    name: 'insufficient_quota with x-should-retry: true',
    rule: { match: onChat, kind: 'insufficient_quota', shouldRetry: true, retryAfterMs: 20 },
    call: 'chat',
    attempts: { sdk: 3, ours: 1 },
  },
  { name: 'a 400', rule: { match: onChat, status: 400 }, call: 'chat', attempts: 1 },
  { name: 'a 401', rule: { match: onChat, status: 401 }, call: 'chat', attempts: 1 },
  {
    name: '503 with x-should-retry: false',
    rule: { status: 503, shouldRetry: false },
    call: 'models',
    attempts: 1,
  },
  {
    name: 'connection reset once, then success',
    rule: { match: onChat, type: 'reset', times: 1 },
    call: 'chat',
    attempts: 2,
  },
  { name: 'connection reset every time', rule: { type: 'reset' }, call: 'models', attempts: 3 },
  {
    name: 'hang once (2 s timeout), then success',
    rule: { type: 'hang', times: 1 },
    call: 'models',
    attempts: 2,
    timeout: 2000,
  },
  {
    name: 'latency with jitter',
    rule: { match: onChat, type: 'latency', latencyMs: 20, jitterMs: 20 },
    call: 'chat',
    attempts: 1,
  },
  {
    name: '429 before a chat stream, then the stream',
    rule: { match: onChat, sequence: [{ status: 429, retryAfterMs: 20 }, 'pass'] },
    call: 'chat.stream',
    attempts: 2,
  },
  {
    name: 'a chat stream cut after 2 chunks',
    rule: { match: onChat, type: 'stream_cut', afterEvents: 2 },
    call: 'chat.stream',
    attempts: 1,
  },
  {
    name: 'a malformed chat stream event',
    rule: { match: onChat, type: 'stream_malformed', afterEvents: 1 },
    call: 'chat.stream',
    attempts: 1,
  },
  {
    name: 'a Responses stream cut after 3 events',
    rule: { match: { path: '/responses' }, type: 'stream_cut', afterEvents: 3 },
    call: 'responses.stream',
    attempts: 1,
  },
  {
    name: 'a slow stream',
    rule: { match: onChat, type: 'slow_stream', ttftMs: 20, eventIntervalMs: 1 },
    call: 'chat.stream',
    attempts: 1,
  },
];

async function drain(stream: AsyncIterable<unknown>) {
  for await (const _ of stream);
}

/** Either client with its defaults (only a timeout where a hang needs one). */
async function call(side: 'sdk' | 'ours', row: Row, scope: string) {
  const options = {
    apiKey: `sk-${side}-default-client`,
    baseURL: server.url,
    defaultHeaders: { 'x-mock-test-id': scope },
    ...(row.timeout !== undefined && { timeout: row.timeout }),
  };
  // Our client has the SDK's shape for these calls; one code path drives both.
  const client =
    side === 'sdk'
      ? new OpenAI({ ...options, logLevel: 'off' })
      : (new OpenAIClient(options) as unknown as OpenAI);
  switch (row.call) {
    case 'chat':
      return client.chat.completions.create(chat);
    case 'models':
      return client.models.list();
    case 'chat.stream':
      return drain(await client.chat.completions.create({ ...chat, stream: true }));
    case 'responses.stream':
      return drain(
        await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hello.', stream: true }),
      );
  }
}

describe('well-behaved clients through the fault table', () => {
  it.each(['sdk', 'ours'] as const)(
    '%s, with default settings, gets no finding in any row',
    async (side) => {
      const results = await Promise.all(
        ROWS.map(async (row, i) => {
          const scope = `${side}-${i}`;
          server.engine.faults.add({ ...row.rule, scope });
          await call(side, row, scope).catch(() => {});
          const attempts = typeof row.attempts === 'number' ? row.attempts : row.attempts[side];
          // A hang is journaled when the server notices the client leaving, a moment after the call gave up.
          await expect
            .poll(() => server.journal.entries({ scope }).length, { timeout: 10_000 })
            .toBe(attempts);
          return {
            row: row.name,
            attempts: server.journal.entries({ scope }).length,
            findings: server.engine.findings.list({ scope }),
          };
        }),
      );
      expect(results).toEqual(
        ROWS.map((row) => ({
          row: row.name,
          attempts: typeof row.attempts === 'number' ? row.attempts : row.attempts[side],
          findings: [],
        })),
      );
    },
    60_000,
  );
});

describe('well-behaved streaming clients', () => {
  it('the SDK breaking out of a stream cancels it: no stream_not_closed', async () => {
    const clock = createVirtualClock();
    await using own = await (await import('../../src/server/index.js')).startMockServer({
      port: 0,
      clock,
      warn: () => {},
      features: { findings: { streamIdleMs: 1000 } },
    });
    own.engine.fixtures.add({
      match: { user: 'long story' },
      reply: { text: 'Once upon a time. '.repeat(20_000) },
    });
    const closed = new Promise<void>((resolve) =>
      own.app.server.once('request', (req) => req.socket.once('close', () => resolve())),
    );
    const sdk = new OpenAI({ apiKey: 'sk-sdk-default-client', baseURL: own.url });
    const stream = await sdk.chat.completions.create({
      ...chat,
      messages: [{ role: 'user', content: 'Tell a long story.' }],
      stream: true,
    });
    for await (const _ of stream) break;
    await closed;
    for (let i = 0; i < 3; i++) await clock.advance(1000);
    expect(own.engine.findings.list()).toEqual([]);
  });
});
