import { createParser } from 'eventsource-parser';
import { expect } from 'vitest';
import { checkChatStream } from '../../src/contract/streams/chat-stream.js';
import { checkResponseStream } from '../../src/contract/streams/response-stream.js';

/** One request a client made and what the server answered, exactly as it crossed the wire. */
export interface Exchange {
  method: string;
  /** Path without origin, e.g. `/v1/chat/completions`. */
  path: string;
  /** The request body, parsed when it was JSON. */
  request: unknown;
  status: number;
  /** The JSON body, when the answer was JSON. */
  json?: unknown;
  /** The `data` of every SSE event, when the answer was an event stream. */
  events?: string[];
}

/**
 * A `fetch` for third-party clients (Vercel AI SDK, LangChain) that keeps a copy of every request and answer,
 * so tests can compare what the client reports (text, usage, tool calls) with what the server actually sent.
 * The answer handed to the client is the untouched response body.
 */
export function wireTap() {
  const pending: Promise<Exchange>[] = [];
  const tap: typeof fetch = async (input, init) => {
    const request = new Request(input, init);
    const body = init?.body;
    let parsed: unknown;
    if (typeof body === 'string') {
      try {
        parsed = JSON.parse(body);
      } catch {
        parsed = body;
      }
    }
    const response = await fetch(input, init);
    const type = response.headers.get('content-type') ?? '';
    if (!response.body) return response;
    const [mine, theirs] = response.body.tee();
    const base = { method: request.method, path: new URL(request.url).pathname, request: parsed };
    pending.push(
      (async (): Promise<Exchange> => {
        const text = await readAll(mine);
        if (type.includes('text/event-stream'))
          return { ...base, status: response.status, events: sseData(text) };
        if (type.includes('application/json'))
          return { ...base, status: response.status, json: JSON.parse(text) };
        return { ...base, status: response.status };
      })(),
    );
    return new Response(theirs, {
      status: response.status,
      statusText: response.statusText,
      headers: response.headers,
    });
  };
  return {
    fetch: tap,
    /** Every exchange so far, in the order the requests were made. */
    exchanges: () => Promise.all(pending),
    clear: () => {
      pending.length = 0;
    },
  };
}

async function readAll(body: ReadableStream<Uint8Array>): Promise<string> {
  const decoder = new TextDecoder();
  let text = '';
  for await (const chunk of body as unknown as AsyncIterable<Uint8Array>)
    text += decoder.decode(chunk, { stream: true });
  return text + decoder.decode();
}

function sseData(text: string): string[] {
  const events: string[] = [];
  const parser = createParser({ onEvent: (event) => events.push(event.data) });
  parser.feed(text);
  return events;
}

export interface WireUsage {
  input: number;
  output: number;
  total: number;
  reasoning?: number;
  cached?: number;
}

/** The usage the server reported in one exchange: a JSON body's `usage`, or the stream's usage event. */
export function sentUsage(exchange: Exchange): WireUsage {
  let usage: Record<string, unknown> | undefined;
  if (exchange.json !== undefined) usage = (exchange.json as { usage?: Record<string, unknown> }).usage;
  for (const data of exchange.events ?? []) {
    if (data === '[DONE]') continue;
    const event = JSON.parse(data) as {
      usage?: Record<string, unknown>;
      response?: { usage?: Record<string, unknown> };
    };
    usage = event.usage ?? event.response?.usage ?? usage;
  }
  if (!usage) throw new Error(`no usage in the answer to ${exchange.method} ${exchange.path}`);
  const n = (v: unknown) => v as number;
  if ('input_tokens' in usage) {
    const out = usage.output_tokens_details as { reasoning_tokens?: number } | undefined;
    const inp = usage.input_tokens_details as { cached_tokens?: number } | undefined;
    return {
      input: n(usage.input_tokens),
      output: n(usage.output_tokens),
      total: n(usage.total_tokens),
      ...(out?.reasoning_tokens !== undefined && { reasoning: out.reasoning_tokens }),
      ...(inp?.cached_tokens !== undefined && { cached: inp.cached_tokens }),
    };
  }
  return {
    input: n(usage.prompt_tokens),
    output: n(usage.completion_tokens),
    total: n(usage.total_tokens),
  };
}

/** Asserts that a recorded stream follows its API's grammar (chat chunks + `[DONE]`, or Responses events). */
export function expectWellFormedStream(exchange: Exchange) {
  expect(exchange.events, `${exchange.path} must have answered with an event stream`).toBeDefined();
  const events = exchange.events!;
  if (exchange.path.endsWith('/chat/completions')) expect(checkChatStream(events)).toEqual([]);
  else expect(checkResponseStream(events)).toEqual([]);
}
