import { describe, expect, it } from 'vitest';
import { ConnectionCutError, type SseEvent, sse, toWire } from '../../src/engine/index.js';

async function drain(body: unknown): Promise<{ text: string; thrown?: unknown }> {
  let text = '';
  const decoder = new TextDecoder();
  try {
    for await (const chunk of body as AsyncIterable<Uint8Array>) text += decoder.decode(chunk);
  } catch (thrown) {
    return { text, thrown };
  }
  return { text };
}

async function* events(list: SseEvent[], end?: Error): AsyncIterable<SseEvent> {
  yield* list;
  if (end) throw end;
}

describe('the wire encoder', () => {
  it('encodes JSON with its content type, and a stream with the event-stream headers', async () => {
    const json = toWire({
      status: 201,
      headers: { 'x-a': '1' },
      body: { kind: 'json', value: { ok: true } },
    });
    expect(json).toEqual({
      status: 201,
      headers: { 'x-a': '1', 'content-type': 'application/json; charset=utf-8' },
      body: '{"ok":true}',
      reset: false,
    });
    const stream = toWire(sse(events([{ data: { n: 1 } }, { data: '[DONE]' }])));
    expect(stream.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(await drain(stream.body)).toEqual({ text: 'data: {"n":1}\n\ndata: [DONE]\n\n' });
  });

  it('ends a failed stream with the OpenAI error event, then the cut signal', async () => {
    const wire = toWire(sse(events([{ data: { n: 1 } }], new Error('boom'))));
    const { text, thrown } = await drain(wire.body);
    expect(text).toBe(
      'data: {"n":1}\n\nevent: error\ndata: {"error":{"message":"Error: boom","type":"server_error","param":null,"code":null}}\n\n',
    );
    expect(thrown).toBeInstanceOf(ConnectionCutError);
  });

  it('cuts a planned cut without an error event', async () => {
    const wire = toWire(sse(events([{ data: { n: 1 } }], new ConnectionCutError('cut'))));
    const { text, thrown } = await drain(wire.body);
    expect(text).toBe('data: {"n":1}\n\n');
    expect(thrown).toBeInstanceOf(ConnectionCutError);
  });

  it('stops pulling events once the client went away', async () => {
    const controller = new AbortController();
    let pulled = 0;
    async function* counted(): AsyncIterable<SseEvent> {
      for (;;) {
        pulled++;
        yield { data: pulled };
      }
    }
    const wire = toWire(sse(counted()), controller.signal);
    const iterator = (wire.body as AsyncIterable<Uint8Array>)[Symbol.asyncIterator]();
    await iterator.next();
    controller.abort();
    expect(await iterator.next()).toEqual({ done: true, value: undefined });
    expect(pulled).toBe(1);
  });

  it('marks a reset', () => {
    expect(toWire({ status: 0, headers: {}, body: { kind: 'none' }, connection: 'reset' }).reset).toBe(true);
  });
});
