import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { json, type SseEvent, sse } from '../../src/engine/index.js';
import { startMockServer } from '../../src/server/index.js';

const contract = await loadContract();
const listModels = { method: 'GET', path: '/v1/models', query: {}, headers: {} };
const chatStream = {
  method: 'POST',
  path: '/v1/chat/completions',
  query: {},
  headers: { 'content-type': 'application/json' },
  body: { model: 'gpt-4o', messages: [{ role: 'user', content: 'hi' }], stream: true },
};

describe('the response self-check', () => {
  it('journals a response that violates the document, with a pointer to the field', async () => {
    const engine = buildEngine(contract, { checkResponses: true });
    engine.use('scripted', async () =>
      json({ object: 'list', data: [{ id: 'm', object: 'model', created: 'yesterday', owned_by: 'me' }] }),
    );
    const response = await engine.handle(listModels);
    expect(response.status).toBe(200);
    const [entry] = engine.journal.entries();
    expect(entry?.validation).toEqual([
      expect.objectContaining({ in: 'response', pointer: '/data/0/created' }),
    ]);
  });

  it('checks every event of a stream as it is sent, and journals the one that violates', async () => {
    const engine = buildEngine(contract, { checkResponses: true });
    const chunk = (delta: Record<string, unknown>, created: unknown = 1700000000) => ({
      id: 'chatcmpl-1',
      object: 'chat.completion.chunk',
      created,
      model: 'gpt-4o',
      choices: [{ index: 0, delta, logprobs: null, finish_reason: null }],
    });
    const events: SseEvent[] = [
      { data: chunk({ role: 'assistant', content: '' }) },
      { data: chunk({ content: 'Hi' }) },
      { data: chunk({ content: '!' }, 'yesterday') },
      { data: chunk({ content: '?' }) },
      // A deliberately malformed event (as a stream_malformed fault sends) is not the simulator's to answer for.
      { data: '{"broken', raw: 'data: {"broken\n\n' },
      { data: '[DONE]' },
    ];
    engine.use('scripted', async () =>
      sse(
        (async function* () {
          yield* events;
        })(),
      ),
    );
    const response = await engine.handle(chatStream);
    if (response.body.kind !== 'sse') throw new Error(`expected a stream, got ${response.body.kind}`);
    const sent: SseEvent[] = [];
    for await (const event of response.body.events) sent.push(event);
    expect(sent).toEqual(events); // checked, not changed
    expect(engine.journal.entries()[0]?.validation).toEqual([
      expect.objectContaining({ in: 'event', pointer: '/created', keyword: 'type' }),
    ]);
  });

  it('stays quiet when checks are off', async () => {
    const engine = buildEngine(contract, { checkResponses: false });
    engine.use('scripted', async () => json({ object: 'list', data: 'nope' }));
    await engine.handle(listModels);
    expect(engine.journal.entries()[0]?.validation).toEqual([]);
  });

  it('closes with await using', async () => {
    let url: string;
    {
      await using server = await startMockServer({ port: 0, contract });
      url = server.url;
      expect((await fetch(`${url}/models`)).status).toBe(200);
    }
    await expect(fetch(`${url}/models`)).rejects.toThrow();
  });
});
