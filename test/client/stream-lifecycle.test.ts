import { describe, expect, it } from 'vitest';
import {
  APIConnectionError,
  APIError,
  APIUserAbortError,
  OpenAIClientError,
} from '../../src/client/errors.js';
import { Stream, type StreamCompletion } from '../../src/client/stream.js';
import { chunkedResponse } from './helpers/fake-fetch.js';
import { sseText } from './helpers/scripted-server.js';

const DONE: StreamCompletion = { kind: 'done-marker' };

function streamOf(
  chunks: string[],
  then: 'end' | 'error' | 'hang' = 'end',
  completion = DONE,
  userSignal?: AbortSignal,
) {
  const controller = new AbortController();
  userSignal?.addEventListener('abort', () => controller.abort());
  return Stream.fromSSEResponse<{ n: number }>(chunkedResponse(chunks, then), controller, {
    completion,
    userSignal,
  });
}

async function collect<T>(iterable: AsyncIterable<T>): Promise<T[]> {
  const out: T[] = [];
  for await (const item of iterable) out.push(item);
  return out;
}

describe('Stream', () => {
  it('yields parsed items and stops at [DONE]', async () => {
    const stream = streamOf([sseText([{ n: 1 }, { n: 2 }]), 'data: {"n":3}\n\n']);
    expect(await collect(stream)).toEqual([{ n: 1 }, { n: 2 }]);
    expect(stream.controller.signal.aborted).toBe(false);
  });

  it('throws APIError on an error event, carrying the body fields and the request id', async () => {
    const stream = streamOf([
      sseText([{ n: 1 }], { done: false }),
      'data: {"error":{"message":"overloaded","type":"server_error","code":"overloaded"}}\n\n',
    ]);
    const seen: unknown[] = [];
    const error = await (async () => {
      for await (const item of stream) seen.push(item);
    })().catch((e: unknown) => e);
    expect(seen).toEqual([{ n: 1 }]);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({
      message: 'overloaded',
      code: 'overloaded',
      type: 'server_error',
      requestID: 'req_stream',
    });
  });

  it('throws APIError on a Responses-style `event: error`', async () => {
    const stream = streamOf(
      ['event: error\ndata: {"type":"error","code":"server_error","message":"boom"}\n\n'],
      'end',
      { kind: 'none' },
    );
    await expect(collect(stream)).rejects.toMatchObject({
      name: 'APIError',
      message: 'boom',
      code: 'server_error',
    });
  });

  it('throws APIConnectionError when the body ends before [DONE]', async () => {
    await expect(collect(streamOf([sseText([{ n: 1 }], { done: false })]))).rejects.toThrow(
      /ended before the \[DONE\] marker/,
    );
    await expect(collect(streamOf([sseText([{ n: 1 }], { done: false })]))).rejects.toBeInstanceOf(
      APIConnectionError,
    );
  });

  it('ends cleanly at a terminal event when the completion is terminal-event based', async () => {
    const completion: StreamCompletion = { kind: 'terminal-event', types: ['response.completed'] };
    const body = sseText([{ type: 'response.created' }, { type: 'response.completed' }], { done: false });
    expect(await collect(streamOf([body], 'end', completion))).toHaveLength(2);
    await expect(
      collect(streamOf([sseText([{ type: 'response.created' }], { done: false })], 'end', completion)),
    ).rejects.toThrow(/terminal event \(response.completed\)/);
  });

  it('throws APIConnectionError with the cause when the connection drops mid-stream', async () => {
    const error = await collect(streamOf([sseText([{ n: 1 }], { done: false })], 'error')).catch(
      (e: unknown) => e,
    );
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/lost mid-stream/);
    expect((error as Error).cause).toBeInstanceOf(TypeError);
  });

  it('throws a clear error for data that is not JSON', async () => {
    await expect(collect(streamOf(['data: {oops\n\n']))).rejects.toThrow(
      /event's data is not JSON: "\{oops"/,
    );
  });

  it('aborts the request when the consumer breaks out of the loop', async () => {
    const stream = streamOf([sseText([{ n: 1 }], { done: false })], 'hang');
    for await (const _ of stream) break;
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('ends quietly when the consumer aborts its controller', async () => {
    const stream = streamOf([sseText([{ n: 1 }], { done: false })], 'hang');
    const seen: unknown[] = [];
    for await (const item of stream) {
      seen.push(item);
      stream.controller.abort();
    }
    expect(seen).toEqual([{ n: 1 }]);
  });

  it('throws APIUserAbortError when the call signal aborts mid-stream', async () => {
    const user = new AbortController();
    const stream = streamOf([sseText([{ n: 1 }], { done: false })], 'hang', DONE, user.signal);
    const error = await (async () => {
      for await (const _ of stream) user.abort();
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
  });

  it('can be consumed only once', async () => {
    const stream = streamOf([sseText([{ n: 1 }])]);
    await collect(stream);
    await expect(collect(stream)).rejects.toThrow(OpenAIClientError);
    await expect(collect(stream)).rejects.toThrow(/already consumed; call tee\(\)/);
  });

  it('tee() gives two readers of the same items, read at different speeds', async () => {
    const [left, right] = streamOf([sseText([{ n: 1 }, { n: 2 }, { n: 3 }])]).tee();
    const leftItems = await collect(left);
    const rightItems = await collect(right);
    expect(leftItems).toEqual([{ n: 1 }, { n: 2 }, { n: 3 }]);
    expect(rightItems).toEqual(leftItems);
  });

  it('tee() keeps the request open until both readers stop', async () => {
    const source = streamOf([sseText([{ n: 1 }, { n: 2 }], { done: false })], 'hang');
    const [left, right] = source.tee();
    for await (const _ of left) break;
    expect(source.controller.signal.aborted).toBe(false);
    for await (const _ of right) break;
    expect(source.controller.signal.aborted).toBe(true);
  });

  it('toReadableStream() emits newline-delimited JSON', async () => {
    const text = await new Response(streamOf([sseText([{ n: 1 }, { n: 2 }])]).toReadableStream()).text();
    expect(text).toBe('{"n":1}\n{"n":2}\n');
  });
});
