import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { createVirtualClock, type MockResponse, type SseEvent } from '../../src/engine/index.js';

const contract = await loadContract();
const post = (body: Record<string, unknown>) => ({
  method: 'POST',
  path: '/v1/responses',
  query: {},
  headers: { 'content-type': 'application/json' },
  body,
});
const flush = () => new Promise((r) => setImmediate(r));

/** Each event with the virtual time (ms since start) at which the stream let it out. */
async function timedEvents(clock: ReturnType<typeof createVirtualClock>, response: MockResponse) {
  if (response.body.kind !== 'sse') throw new Error('expected a stream');
  const start = clock.now();
  const iterator = (response.body.events as AsyncIterable<SseEvent>)[Symbol.asyncIterator]();
  const out: Array<{ type: string; at: number }> = [];
  for (;;) {
    let result: IteratorResult<SseEvent> | undefined;
    const next = iterator.next().then((r) => {
      result = r;
    });
    await flush();
    while (result === undefined) {
      await clock.advance(10);
      await flush();
    }
    await next;
    if (result.done) return out;
    out.push({ type: String(result.value.event), at: clock.now() - start });
  }
}

describe('stream pacing (features.pacing, shared with chat)', () => {
  it('waits firstTokenMs before the output and 1/tokensPerSecond between deltas', async () => {
    const clock = createVirtualClock();
    const engine = buildEngine(contract, {
      clock,
      features: { pacing: { firstTokenMs: 100, tokensPerSecond: 20 } },
    });
    const events = await timedEvents(
      clock,
      await engine.handle(post({ model: 'gpt-4o', input: 'Tell me about Bergen', stream: true })),
    );
    expect(events.slice(0, 2)).toEqual([
      { type: 'response.created', at: 0 },
      { type: 'response.in_progress', at: 0 },
    ]);
    const deltas = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.at);
    expect(deltas[0]).toBe(100);
    expect(deltas[1]).toBe(150);
    expect(deltas.at(-1)).toBe(100 + 50 * (deltas.length - 1));
    expect(events.at(-1)).toEqual({ type: 'response.completed', at: deltas.at(-1) });
  });

  it('answers a plain request once the whole reply would have been written', async () => {
    const clock = createVirtualClock();
    const engine = buildEngine(contract, {
      clock,
      features: { pacing: { firstTokenMs: 200, tokensPerSecond: 100 } },
    });
    let done = false;
    const pending = engine.handle(post({ model: 'gpt-4o', input: 'Hi' })).then((r) => {
      done = true;
      return r;
    });
    await flush();
    await clock.advance(199);
    expect(done).toBe(false);
    for (let i = 0; i < 100 && !done; i++) await clock.advance(10);
    const response = await pending;
    expect(response.status).toBe(200);
  });

  it('lets a scripted reply set its own pacing', async () => {
    const clock = createVirtualClock();
    const engine = buildEngine(contract, { clock });
    engine.fixtures.add({
      match: { user: 'slow' },
      reply: { text: 'one two three', pacing: { firstTokenMs: 300, tokensPerSecond: 10 } },
    });
    const events = await timedEvents(
      clock,
      await engine.handle(post({ model: 'gpt-4o', input: 'slow please', stream: true })),
    );
    const deltas = events.filter((e) => e.type === 'response.output_text.delta').map((e) => e.at);
    expect(deltas).toEqual([300, 400, 500]);
  });
});
