import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/client.js';
import { APIConnectionError, APIError, APIUserAbortError, RateLimitError } from '../../src/client/errors.js';
import type { ChatCompletionChunk, ResponseStreamEvent } from '../../src/client/index.js';
import { chatChunk, responseObject } from './helpers/samples.js';
import { type Script, splitBytes, sseText, startScriptedServer } from './helpers/scripted-server.js';

const body = {
  model: 'gpt-4o-mini',
  messages: [{ role: 'user' as const, content: 'hi' }],
  stream: true as const,
};

async function setup(script: Script, options: ConstructorParameters<typeof OpenAIClient>[0] = {}) {
  const server = await startScriptedServer(script);
  const client = new OpenAIClient({
    apiKey: 'sk-test',
    baseURL: server.baseURL,
    backoff: { initialDelayMs: 1 },
    ...options,
  });
  return { server, client };
}

function text(chunks: ChatCompletionChunk[]): string {
  return chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
}

describe('chat streaming against a scripted server', () => {
  it('reassembles chunks split inside CRLFs and multibyte characters', async () => {
    const raw = sseText([chatChunk('Grüß '), chatChunk('日本 '), chatChunk('🙂')], { eol: '\r\n' });
    const bytes = new TextEncoder().encode(raw);
    // Cut after every CR and in the middle of every multibyte character.
    const offsets: number[] = [];
    bytes.forEach((b, i) => {
      if (b === 0x0d || (b >= 0xc0 && b < 0xf8)) offsets.push(i + 1);
    });
    const { server, client } = await setup([{ sse: splitBytes(raw, offsets), chunkDelayMs: 1 }]);
    const stream = await client.chat.completions.create(body);
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(text(chunks)).toBe('Grüß 日本 🙂');
    expect(server.requests[0]?.headers.accept).toBe('text/event-stream');
    expect(stream.response?.headers.get('x-request-id')).toBe('req_sse');
  });

  it('throws APIError when an error event arrives mid-stream', async () => {
    const { client } = await setup([
      {
        sse: [
          sseText([chatChunk('a')], { done: false }),
          'data: {"error":{"message":"The server had an error","type":"server_error"}}\n\n',
        ],
      },
    ]);
    const stream = await client.chat.completions.create(body);
    const error = await (async () => {
      for await (const _ of stream);
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect(error).toMatchObject({
      message: 'The server had an error',
      type: 'server_error',
      requestID: 'req_sse',
    });
  });

  it('throws APIConnectionError when the connection is reset mid-stream', async () => {
    const { client } = await setup([
      { sse: [sseText([chatChunk('a'), chatChunk('b')], { done: false })], after: 'reset' },
    ]);
    const stream = await client.chat.completions.create(body);
    const seen: string[] = [];
    const error = await (async () => {
      for await (const chunk of stream) seen.push(chunk.choices[0]?.delta.content ?? '');
    })().catch((e: unknown) => e);
    expect(seen).toEqual(['a', 'b']);
    expect(error).toBeInstanceOf(APIConnectionError);
    expect((error as Error).message).toMatch(/lost mid-stream/);
  });

  it('throws APIConnectionError when the server ends the body before [DONE]', async () => {
    const { client } = await setup([{ sse: [sseText([chatChunk('a')], { done: false })] }]);
    const stream = await client.chat.completions.create(body);
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toThrow(/ended before the \[DONE\] marker/);
  });

  it('cancels the request when the consumer breaks out of the loop', async () => {
    const { server, client } = await setup([
      { sse: [sseText([chatChunk('a'), chatChunk('b')], { done: false })], after: 'hang' },
    ]);
    const stream = await client.chat.completions.create(body);
    for await (const _ of stream) break;
    await server.requests[0]?.closed;
    expect(stream.controller.signal.aborted).toBe(true);
  });

  it('throws APIUserAbortError when the call signal aborts mid-stream, and closes the connection', async () => {
    const { server, client } = await setup([
      { sse: [sseText([chatChunk('a')], { done: false })], after: 'hang' },
    ]);
    const controller = new AbortController();
    const stream = await client.chat.completions.create(body, { signal: controller.signal });
    const error = await (async () => {
      for await (const _ of stream) controller.abort();
    })().catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIUserAbortError);
    await server.requests[0]?.closed;
  });

  it('applies the timeout only until the headers, so a slow stream still completes', async () => {
    const chunks = [chatChunk('a'), chatChunk('b'), chatChunk('c')].map(
      (c) => `data: ${JSON.stringify(c)}\n\n`,
    );
    const { client } = await setup([{ sse: [...chunks, 'data: [DONE]\n\n'], chunkDelayMs: 25 }], {
      timeout: 60,
    });
    const stream = await client.chat.completions.create(body);
    const out: ChatCompletionChunk[] = [];
    for await (const chunk of stream) out.push(chunk);
    expect(text(out)).toBe('abc');
  });

  it('retries a 429 before the stream starts, then streams', async () => {
    const { server, client } = await setup([
      { status: 429, headers: { 'retry-after-ms': '1' } },
      { sse: [sseText([chatChunk('ok')])] },
    ]);
    const stream = await client.chat.completions.create(body);
    const out: ChatCompletionChunk[] = [];
    for await (const chunk of stream) out.push(chunk);
    expect(text(out)).toBe('ok');
    expect(server.requests).toHaveLength(2);
  });

  it('throws RateLimitError from create() when a streaming call keeps getting 429', async () => {
    const { client } = await setup(() => ({ status: 429, headers: { 'retry-after-ms': '1' } }), {
      maxRetries: 1,
    });
    await expect(client.chat.completions.create(body)).rejects.toBeInstanceOf(RateLimitError);
  });

  it('tee() lets two consumers read the same chunks', async () => {
    const { client } = await setup([{ sse: [sseText([chatChunk('x'), chatChunk('y')])] }]);
    const [a, b] = (await client.chat.completions.create(body)).tee();
    const readAll = async (s: AsyncIterable<ChatCompletionChunk>) => {
      const out: ChatCompletionChunk[] = [];
      for await (const c of s) out.push(c);
      return text(out);
    };
    expect(await Promise.all([readAll(a), readAll(b)])).toEqual(['xy', 'xy']);
  });
});

describe('Responses streaming against a scripted server', () => {
  const events = (terminal: string | undefined): string => {
    const list: unknown[] = [
      {
        type: 'response.created',
        sequence_number: 0,
        response: { ...responseObject(''), status: 'in_progress', usage: null },
      },
      { type: 'response.output_text.delta', sequence_number: 1, delta: 'Hi ' },
      { type: 'response.output_text.delta', sequence_number: 2, delta: 'there' },
    ];
    if (terminal) list.push({ type: terminal, sequence_number: 3, response: responseObject() });
    return list.map((e) => `event: ${(e as { type: string }).type}\ndata: ${JSON.stringify(e)}\n\n`).join('');
  };

  it('ends at response.completed without a [DONE] marker', async () => {
    const { server, client } = await setup([{ sse: [events('response.completed')] }]);
    const stream = await client.responses.stream({ model: 'gpt-4.1-mini', input: 'hi' });
    const seen: ResponseStreamEvent[] = [];
    for await (const event of stream) seen.push(event);
    expect(seen.map((e) => e.type)).toEqual([
      'response.created',
      'response.output_text.delta',
      'response.output_text.delta',
      'response.completed',
    ]);
    expect(JSON.parse(server.requests[0]?.body.toString() ?? '{}')).toMatchObject({
      stream: true,
      input: 'hi',
    });
  });

  it('throws when the stream stops before a terminal event', async () => {
    const { client } = await setup([{ sse: [events(undefined)] }]);
    const stream = await client.responses.create({ model: 'gpt-4.1-mini', input: 'hi', stream: true });
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toThrow(/terminal event \(response.completed, response.failed, response.incomplete\)/);
  });

  it('throws APIError on an `error` event', async () => {
    const { client } = await setup([
      {
        sse: [
          `${events(undefined)}event: error\ndata: {"type":"error","code":"server_error","message":"Internal error","param":null}\n\n`,
        ],
      },
    ]);
    const stream = await client.responses.stream({ model: 'gpt-4.1-mini', input: 'hi' });
    await expect(
      (async () => {
        for await (const _ of stream);
      })(),
    ).rejects.toMatchObject({ name: 'APIError', code: 'server_error', message: 'Internal error' });
  });
});
