import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { checkChatStream } from '../../src/contract/streams/chat-stream.js';
import { createVirtualClock, type MockResponse, type SseEvent } from '../../src/engine/index.js';

const body = (content: string, extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o',
  messages: [{ role: 'user', content }],
  ...extra,
});
const post = (engine: ReturnType<typeof buildEngine>, value: unknown) =>
  engine.handle({
    method: 'POST',
    path: '/v1/chat/completions',
    query: {},
    headers: { 'content-type': 'application/json' },
    body: value,
  });

function events(response: MockResponse): AsyncIterator<SseEvent> {
  if (response.body.kind !== 'sse')
    throw new Error(`expected a stream, got ${response.status} ${JSON.stringify(response.body)}`);
  return response.body.events[Symbol.asyncIterator]();
}

/** Whether the promise settles once pending callbacks have run, without moving the clock. */
async function settles(promise: Promise<unknown>): Promise<boolean> {
  let done = false;
  void promise.then(() => (done = true));
  for (let i = 0; i < 5; i++) await new Promise((r) => setImmediate(r));
  return done;
}

describe('chat reply pacing on a virtual clock', () => {
  it('streams unthrottled by default', async () => {
    const engine = buildEngine(null as never, { clock: createVirtualClock() });
    const it = events(await post(engine, body('fast please', { stream: true })));
    const all: unknown[] = [];
    for (let next = await it.next(); !next.done; next = await it.next()) all.push(next.value.data);
    expect(all.at(-1)).toBe('[DONE]');
    expect(checkChatStream(all)).toEqual([]);
  });

  it('waits the time to first token, then one gap per token, from a scripted reply', async () => {
    const clock = createVirtualClock();
    const engine = buildEngine(null as never, { clock });
    engine.fixtures.add({
      match: { user: 'slow' },
      reply: { text: 'one two three', pacing: { firstTokenMs: 500, tokensPerSecond: 10 } },
    });
    const it = events(await post(engine, body('slow', { stream: true })));
    const first = it.next();
    expect(await settles(first)).toBe(false);
    await clock.advance(499);
    expect(await settles(first)).toBe(false);
    await clock.advance(1);
    expect((await first).value!.data).toMatchObject({ choices: [{ delta: { role: 'assistant' } }] });
    expect(((await it.next()).value!.data as any).choices[0].delta.content).toBe('one');
    const second = it.next();
    expect(await settles(second)).toBe(false);
    await clock.advance(100);
    expect(((await second).value!.data as any).choices[0].delta.content).toBe(' two');
  });

  it('delays a non-streamed reply by the whole generation time, from server-wide pacing', async () => {
    const clock = createVirtualClock();
    const engine = buildEngine(null as never, {
      clock,
      features: { pacing: { firstTokenMs: 200, tokensPerSecond: 50 } },
    });
    engine.fixtures.add({ match: { user: 'timed' }, reply: { text: 'one two three four five' } }); // 5 tokens
    const pending = post(engine, body('timed'));
    expect(await settles(pending)).toBe(false); // it is now asleep on the virtual clock
    await clock.advance(200 + 3 * 20);
    expect(await settles(pending)).toBe(false);
    await clock.advance(20);
    expect((await pending).status).toBe(200);
  });

  it('stops a paced stream when the client goes away', async () => {
    const clock = createVirtualClock();
    const engine = buildEngine(null as never, { clock, features: { pacing: { firstTokenMs: 1000 } } });
    const aborted = new AbortController();
    const response = await engine.handle(
      {
        method: 'POST',
        path: '/v1/chat/completions',
        query: {},
        headers: {},
        body: body('bye', { stream: true }),
      },
      { signal: aborted.signal },
    );
    const first = events(response).next();
    aborted.abort(new Error('client closed the connection'));
    await expect(first).rejects.toThrow('client closed the connection');
  });
});
