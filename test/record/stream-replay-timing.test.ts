import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { type Contract, loadContract } from '../../src/contract/index.js';
import {
  ConnectionCutError,
  createVirtualClock,
  type MockResponse,
  type SseEvent,
} from '../../src/engine/index.js';
import { type Cassette, writeCassette } from '../../src/record/index.js';
import { tempDir } from './helpers/cassette-server.js';

const chunk = (content: string) => ({
  id: 'chatcmpl-t',
  object: 'chat.completion.chunk',
  created: 1,
  model: 'gpt-4o-mini',
  choices: [{ index: 0, delta: { content }, finish_reason: null }],
});
const request = {
  method: 'POST',
  path: '/v1/chat/completions',
  query: {},
  headers: { 'content-type': 'application/json' },
  body: { json: { model: 'gpt-4o-mini', stream: true, messages: [{ role: 'user', content: 'hi' }] } },
};

function cassette(end: 'done' | 'cut'): Cassette {
  return {
    version: 1,
    meta: { tool: 'openai-mock', toolVersion: '0.1.0', spec: null },
    interactions: [
      {
        request,
        response: {
          status: 200,
          headers: { 'content-type': 'text/event-stream' },
          body: {
            sse: [
              { ms: 0, data: chunk('a') },
              { ms: 100, data: chunk('b') },
              { ms: 250, event: 'custom', id: '7', data: 'plain text' },
              ...(end === 'done' ? [{ ms: 260, data: '[DONE]' }] : []),
            ],
            end,
          },
        },
      },
    ],
  };
}

const send = (engine: ReturnType<typeof buildEngine>) =>
  engine.handle({
    method: 'POST',
    path: '/v1/chat/completions',
    query: {},
    headers: { 'content-type': 'application/json' },
    rawBody: new TextEncoder().encode(JSON.stringify(request.body.json)),
  });

function events(response: MockResponse): AsyncIterator<SseEvent> {
  if (response.body.kind !== 'sse')
    throw new Error(`expected a stream, got ${JSON.stringify(response.body)}`);
  return response.body.events[Symbol.asyncIterator]();
}

/** Whether the next event arrives before the clock moves on. */
async function arrivesNow(next: Promise<IteratorResult<SseEvent>>) {
  return Promise.race([next.then(() => true), new Promise((r) => setImmediate(() => r(false)))]);
}

describe('stream replay', () => {
  const dir = tempDir();
  let contract: Contract;
  beforeAll(async () => {
    contract = await loadContract();
  });

  it('keeps the recorded gaps between events, scaled by the speed factor', async () => {
    await writeCassette(join(dir, 'timed.json'), cassette('done'));
    const clock = createVirtualClock();
    const engine = buildEngine(contract, {
      clock,
      features: { cassettes: { dir, cassette: 'timed', speed: 2, env: {} } },
    });
    const it = events(await send(engine));
    expect((await it.next()).value).toEqual({ data: chunk('a') });
    const second = it.next();
    expect(await arrivesNow(second)).toBe(false);
    await clock.advance(49);
    expect(await arrivesNow(second)).toBe(false);
    await clock.advance(1);
    expect((await second).value).toEqual({ data: chunk('b') });
    const third = it.next();
    await clock.advance(75);
    expect((await third).value).toEqual({ event: 'custom', id: '7', data: 'plain text' });
  });

  it('sends events back to back by default', async () => {
    const clock = createVirtualClock();
    const engine = buildEngine(contract, {
      clock,
      features: { cassettes: { dir, cassette: 'timed', env: {} } },
    });
    const it = events(await send(engine));
    const all: SseEvent[] = [];
    for (let r = await it.next(); !r.done; r = await it.next()) all.push(r.value);
    expect(all.map((e) => e.data)).toEqual([chunk('a'), chunk('b'), 'plain text', '[DONE]']);
  });

  it('cuts the connection where the recorded stream was cut', async () => {
    await writeCassette(join(dir, 'cut.json'), cassette('cut'));
    const engine = buildEngine(contract, { features: { cassettes: { dir, cassette: 'cut', env: {} } } });
    const it = events(await send(engine));
    await it.next();
    await it.next();
    await it.next();
    await expect(it.next()).rejects.toBeInstanceOf(ConnectionCutError);
  });
});
