import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';

// A virtual clock: latency, hangs and slow streams wait on it, so nothing here sleeps for real except the
// client's own 300 ms timeout.
const clock = createVirtualClock();
const server = await useMockServer({ clock });
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };
const sdk = (options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {}) =>
  new OpenAI({ apiKey: 'sk-test-key', baseURL: server.url, maxRetries: 0, logLevel: 'off', ...options });
const tick = (ms = 20) => new Promise((r) => setTimeout(r, ms));

async function settledWithin<T>(promise: Promise<T>, ms: number): Promise<boolean> {
  let settled = false;
  void promise.then(
    () => (settled = true),
    () => (settled = true),
  );
  await tick(ms);
  return settled;
}

describe('connection faults through the official SDK', () => {
  it('makes a reset surface as APIConnectionError and journals it with status 0', async () => {
    server.engine.faults.add({ type: 'reset', match: { path: '/v1/chat/completions' } });
    const error = await sdk()
      .chat.completions.create(chat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionError);
    expect(error).not.toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    expect(server.journal.entries().map((e) => [e.status, e.fault])).toEqual([
      [0, { ruleId: 'fault_1', type: 'reset' }],
    ]);
  });

  it('retries a reset when retries are on, and succeeds on the next attempt', async () => {
    server.engine.faults.add({ type: 'reset', times: 1 });
    // No retry hint on a dropped connection: the SDK backs off ~0.4–0.5 s once.
    const completion = await sdk({ maxRetries: 1 }).chat.completions.create(chat);
    expect(completion.object).toBe('chat.completion');
    expect(server.journal.entries().map((e) => e.status)).toEqual([0, 200]);
  });

  it('holds a hang until the client times out, giving APIConnectionTimeoutError', async () => {
    server.engine.faults.add({ type: 'hang' });
    const error = await sdk({ timeout: 300 })
      .chat.completions.create(chat)
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIConnectionTimeoutError);
    // The server notices the client leaving and ends the hang (journaled as a reset) without waiting for its maximum.
    await expect
      .poll(() => server.journal.entries().map((e) => [e.status, e.fault?.type]), { timeout: 1000 })
      .toEqual([[0, 'hang']]);
  });

  it('delays a response by the latency asked for, on the engine clock', async () => {
    const pending = sdk().chat.completions.create(chat, { headers: { 'x-mock-fault': 'latency; ms=5000' } });
    expect(await settledWithin(pending, 30)).toBe(false);
    await clock.advance(5000);
    expect((await pending).object).toBe('chat.completion');
    expect(server.journal.entries()[0]?.fault).toEqual({ ruleId: 'header', type: 'latency' });
  });
});

describe('stream faults through the official SDK', () => {
  it('makes the iteration throw when the stream is cut, after the events sent before the cut', async () => {
    server.engine.faults.add({ type: 'stream_cut', afterEvents: 2 });
    const stream = await sdk().chat.completions.create({ ...chat, stream: true });
    const received: unknown[] = [];
    const consume = async () => {
      for await (const chunk of stream) received.push(chunk);
    };
    await expect(consume()).rejects.toThrow();
    expect(received).toHaveLength(2);
    expect(server.journal.entries()[0]?.fault).toEqual({ ruleId: 'fault_1', type: 'stream_cut' });
  });

  it('never lets a cut stream end quietly, even when the cut comes after its last event', async () => {
    const stream = await sdk().chat.completions.create(
      { ...chat, stream: true },
      { headers: { 'x-mock-fault': 'stream_cut; after=1000' } },
    );
    let count = 0;
    const consume = async () => {
      for await (const _ of stream) count++;
    };
    await expect(consume()).rejects.toThrow();
    expect(count).toBeGreaterThan(0);
  });

  it('leaves non-streaming requests alone when a rule only cuts streams', async () => {
    server.engine.faults.add({ type: 'stream_cut', afterEvents: 0 });
    expect((await sdk().chat.completions.create(chat)).object).toBe('chat.completion');
    const rule = server.engine.faults.list()[0];
    expect([rule?.matched, rule?.fired]).toEqual([0, 0]);
  });

  it('makes the iteration throw on a malformed event', async () => {
    const stream = await sdk().chat.completions.create(
      { ...chat, stream: true },
      { headers: { 'x-mock-fault': 'stream_malformed; after=1' } },
    );
    const received: unknown[] = [];
    const consume = async () => {
      for await (const chunk of stream) received.push(chunk);
    };
    await expect(consume()).rejects.toThrow(SyntaxError);
    expect(received).toHaveLength(1);
  });

  it('paces a slow stream: nothing before the time to first token, then one event per interval', async () => {
    const stream = await sdk().chat.completions.create(
      { ...chat, stream: true },
      { headers: { 'x-mock-fault': 'slow_stream; ttft=800; interval=100' } },
    );
    const iterator = stream[Symbol.asyncIterator]();
    const first = iterator.next();
    expect(await settledWithin(first, 30)).toBe(false);
    await clock.advance(799);
    expect(await settledWithin(first, 10)).toBe(false);
    await clock.advance(1);
    expect((await first).done).toBe(false);
    const second = iterator.next();
    expect(await settledWithin(second, 20)).toBe(false);
    await clock.advance(100);
    expect((await second).done).toBe(false);
    await iterator.return?.();
  });
});
