import { bypass, type HttpHandler, http } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { type CreateEngineOptions, createEngine, type Engine, inProcessEngineOptions } from '../compose.js';
import {
  ConnectionCutError,
  encodeSseEvent,
  type MockRequest,
  type MockResponse,
  SSE_HEADERS,
  type SseEvent,
} from '../engine/index.js';
import { interceptTargets } from './intercept-targets.js';

export interface MswHandlersOptions {
  engine: Engine;
  /** Base URLs to intercept; a path before `/v1` (`https://proxy.example/openai/v1`) is stripped. @default 'https://api.openai.com' */
  baseURL?: string | readonly string[];
}

/**
 * The msw door: handlers for your own `setupServer(...)`. Each request is read once into the engine's plain
 * shape (raw bytes; the engine parses) and the engine's answer is wrapped in a `Response`, streams included.
 * To record through an engine you built, give its `features.cassettes` a fetch that msw lets through:
 * `fetch: (input, init) => fetch(bypass(input, init))` (`setupOpenAIMock` does this for you).
 */
export function createMswHandlers(options: MswHandlersOptions): HttpHandler[] {
  return interceptTargets(options.baseURL).map(({ origin, prefix }) =>
    http.all(`${origin}${prefix}/*`, async ({ request }) =>
      toResponse(
        await options.engine.handle(await toMockRequest(request, prefix), { signal: request.signal }),
      ),
    ),
  );
}

export interface SetupOpenAIMockOptions extends CreateEngineOptions {
  /** As in `createMswHandlers`. @default 'https://api.openai.com' */
  baseURL?: string | readonly string[];
  /** Serve an engine built elsewhere instead of creating one. */
  engine?: Engine;
  /** What msw does with requests to other hosts. @default 'bypass' */
  onUnhandledRequest?: 'bypass' | 'warn' | 'error';
}

export interface OpenAIMswMock {
  readonly engine: Engine;
  /** The msw server, for `use()`-ing your own handlers in front of ours. */
  readonly server: SetupServer;
  /** Clears state, journal, faults and runtime fixtures. */
  reset(): Promise<void>;
  /** Stops intercepting and closes the engine it created (saving cassettes); safe to call twice. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * One call for tests that use `fetch` or `http` against `https://api.openai.com` and open no port. Recording
 * (cassette modes `record`, `update`, `passthrough`) reaches the upstream through msw's `bypass`.
 */
export async function setupOpenAIMock(options: SetupOpenAIMockOptions = {}): Promise<OpenAIMswMock> {
  const passFetch: typeof fetch = (input, init) =>
    fetch(bypass(input instanceof URL ? input.href : input, init));
  const engine = options.engine ?? (await createEngine(inProcessEngineOptions(options, passFetch)));
  const server = setupServer(
    ...createMswHandlers({ engine, ...(options.baseURL !== undefined && { baseURL: options.baseURL }) }),
  );
  server.listen({ onUnhandledRequest: options.onUnhandledRequest ?? 'bypass' });
  let closing: Promise<void> | undefined;
  const mock: OpenAIMswMock = {
    engine,
    server,
    reset: () => engine.reset(),
    close() {
      closing ??= (async () => {
        server.close();
        if (!options.engine) await engine.close();
      })();
      return closing;
    },
    [Symbol.asyncDispose]: () => mock.close(),
  };
  return mock;
}

async function toMockRequest(request: Request, prefix: string): Promise<MockRequest> {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : [...[prev].flat(), v];
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const mock: MockRequest = {
    method: request.method,
    path: url.pathname.slice(prefix.length) || '/',
    query,
    headers,
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength) mock.rawBody = bytes;
  }
  return mock;
}

function toResponse(response: MockResponse): Response {
  if (response.connection === 'reset') return Response.error();
  const headers = new Headers(response.headers);
  const init = { status: response.status, headers };
  const body = response.body;
  switch (body.kind) {
    case 'json':
      headers.set('content-type', 'application/json; charset=utf-8');
      return new Response(JSON.stringify(body.value), init);
    case 'bytes':
      headers.set('content-type', body.contentType);
      return new Response(body.value as BodyInit, init);
    case 'text':
      headers.set('content-type', body.contentType);
      return new Response(body.value, init);
    case 'none':
      return new Response(null, init);
    case 'sse':
      for (const [k, v] of Object.entries(SSE_HEADERS)) headers.set(k, v);
      return new Response(sseStream(body.events), init);
  }
}

/** Pulls one event per read, so a slow reader slows the producer; a cut errors the stream mid-way. */
function sseStream(events: AsyncIterable<SseEvent>): ReadableStream<Uint8Array> {
  const encoder = new TextEncoder();
  const iterator = events[Symbol.asyncIterator]();
  return new ReadableStream({
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(encoder.encode(encodeSseEvent(next.value)));
      } catch (error) {
        if (!(error instanceof ConnectionCutError)) controller.enqueue(encoder.encode(errorEvent(error)));
        // Erroring a stream drops what is still queued; let the reader take the events sent so far first.
        await new Promise((resolve) => setTimeout(resolve, 1));
        controller.error(error);
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
}

/** What the fastify door writes when a stream fails for any reason other than a planned cut. */
const errorEvent = (error: unknown) =>
  encodeSseEvent({
    event: 'error',
    data: { error: { message: String(error), type: 'server_error', param: null, code: null } },
  });
