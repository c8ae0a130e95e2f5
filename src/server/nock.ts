import { Readable } from 'node:stream';
import nock from 'nock';
import { type CreateEngineOptions, createEngine, type Engine, inProcessEngineOptions } from '../compose.js';
import { type MockRequest, toWire, type WireResponse } from '../engine/index.js';
import { interceptTargets } from './intercept-targets.js';

/** Marks the recorder's own upstream requests, which our interceptors must let through to the network. */
const UPSTREAM_HEADER = 'x-openai-mock-upstream';
const METHODS = ['GET', 'POST', 'PUT', 'PATCH', 'DELETE'];
const MALFORMED =
  'openai-mock (nock door): the request body is not valid JSON, and nock fails on such bodies before openai-mock sees them; send valid JSON, or use the msw door or the server to test malformed bodies.';

/**
 * nock's body matcher gets the parsed JSON, or the raw string when parsing failed; `this` holds the
 * request's headers. A string under a JSON content type is a body nock will choke on.
 */
function wellFormed(this: { headers?: Record<string, unknown> } | null, body: unknown): boolean {
  const type = String(this?.headers?.['content-type'] ?? '').toLowerCase();
  return !(type.includes('json') && typeof body === 'string' && body.trim() !== '');
}

export interface NockInterceptOptions {
  engine: Engine;
  /** Base URLs to intercept; a path before `/v1` is stripped. @default 'https://api.openai.com' */
  baseURL?: string | readonly string[];
}

export interface NockIntercept {
  readonly engine: Engine;
  readonly scopes: readonly nock.Scope[];
  /** Removes our interceptors (yours stay); safe to call twice. */
  close(): void;
  [Symbol.dispose](): void;
}

/**
 * The nock door, for suites built on nock: persistent interceptors that hand every request to the engine
 * from nock's reply callback and give back its answer, streams as a readable of encoded events.
 */
export function interceptWithNock(options: NockInterceptOptions): NockIntercept {
  const { engine } = options;
  const interceptors: nock.Interceptor[] = [];
  const scopes = interceptTargets(options.baseURL).map(({ origin, prefix }) => {
    const scope = nock(origin, { badheaders: [UPSTREAM_HEADER], allowUnmocked: true }).persist();
    const ours = (path: string) =>
      path === prefix || path.startsWith(`${prefix}/`) || path.startsWith(`${prefix}?`);
    for (const method of METHODS) {
      const interceptor = scope.intercept(ours, method, wellFormed);
      interceptor.reply(async function (uri, body) {
        return toReply(toWire(await engine.handle(toMockRequest(this.req, uri, body, prefix))));
      });
      // nock parses JSON bodies before any reply callback and throws on a malformed one, out of our reach;
      // fail such requests with a message that says so instead of letting nock crash the test run.
      const malformed = scope.intercept(ours, method, function (this: unknown, body: unknown) {
        return !wellFormed.call(this as ThisParameterType<typeof wellFormed>, body);
      });
      malformed.replyWithError(MALFORMED);
      interceptors.push(interceptor, malformed);
    }
    return scope;
  });
  let closed = false;
  const intercept: NockIntercept = {
    engine,
    scopes,
    close() {
      if (closed) return;
      closed = true;
      for (const i of interceptors) nock.removeInterceptor(i);
      for (const s of scopes) s.persist(false);
    },
    [Symbol.dispose]: () => intercept.close(),
  };
  return intercept;
}

export interface SetupOpenAIMockWithNockOptions extends CreateEngineOptions {
  baseURL?: string | readonly string[];
  /** Serve an engine built elsewhere instead of creating one. */
  engine?: Engine;
}

export interface OpenAINockMock extends NockIntercept {
  reset(): Promise<void>;
  /** Removes the interceptors and closes the engine it created (saving cassettes); safe to call twice. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/** One call: an engine (recording goes past nock with a marker header) and its interceptors. */
export async function setupOpenAIMockWithNock(
  options: SetupOpenAIMockWithNockOptions = {},
): Promise<OpenAINockMock> {
  const passFetch: typeof fetch = (input, init) => {
    const headers = new Headers(init?.headers);
    headers.set(UPSTREAM_HEADER, '1');
    return fetch(input, { ...init, headers });
  };
  const engine = options.engine ?? (await createEngine(inProcessEngineOptions(options, passFetch)));
  const intercept = interceptWithNock({
    engine,
    ...(options.baseURL !== undefined && { baseURL: options.baseURL }),
  });
  let closing: Promise<void> | undefined;
  const mock: OpenAINockMock = {
    engine,
    scopes: intercept.scopes,
    reset: () => engine.reset(),
    close() {
      closing ??= (async () => {
        intercept.close();
        if (!options.engine) await engine.close();
      })();
      return closing;
    },
    [Symbol.dispose]: () => void mock.close(),
    [Symbol.asyncDispose]: () => mock.close(),
  };
  return mock;
}

function toMockRequest(
  req: { headers: Record<string, unknown>; method?: string },
  uri: string,
  body: unknown,
  prefix: string,
): MockRequest {
  const url = new URL(uri, 'http://nock.invalid');
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : [...[prev].flat(), v];
  }
  const headers: Record<string, string> = {};
  for (const [k, v] of Object.entries(req.headers))
    if (v !== undefined) headers[k.toLowerCase()] = Array.isArray(v) ? v.join(', ') : String(v);
  const mock: MockRequest = {
    method: (req.method ?? 'GET').toUpperCase(),
    path: url.pathname.slice(prefix.length) || '/',
    query,
    headers,
  };
  const raw = rawBytes(body);
  if (raw?.byteLength) mock.rawBody = raw;
  return mock;
}

/**
 * nock hands the body over already parsed when it is JSON, and as hex when it is not UTF-8; turn it back
 * into bytes for the engine, which parses bodies the same way behind every door.
 */
function rawBytes(body: unknown): Uint8Array | undefined {
  if (body === undefined || body === '') return undefined;
  if (Buffer.isBuffer(body)) return body;
  if (typeof body !== 'string') return Buffer.from(JSON.stringify(body));
  if (body.length % 2 === 0 && /^[0-9a-f]+$/.test(body)) {
    const bytes = Buffer.from(body, 'hex');
    if (!bytes.equals(Buffer.from(bytes.toString('utf8'), 'utf8'))) return bytes;
  }
  return Buffer.from(body, 'utf8');
}

function toReply(wire: WireResponse): nock.ReplyFnResult {
  // Throwing makes nock destroy the request: the client sees a connection error, as with a reset socket.
  if (wire.reset) throw Object.assign(new Error('socket hang up'), { code: 'ECONNRESET' });
  const body = wire.body;
  if (body === null || typeof body === 'string') return [wire.status, body ?? '', wire.headers];
  if (body instanceof Uint8Array) return [wire.status, Buffer.from(body), wire.headers];
  return [wire.status, Readable.from(chunks(body)), wire.headers];
}

/** A stream that must be cut errors the readable, after what was sent so far had a moment to reach the reader. */
async function* chunks(body: AsyncIterable<Uint8Array>): AsyncIterable<Buffer> {
  try {
    for await (const chunk of body) yield Buffer.from(chunk.buffer, chunk.byteOffset, chunk.byteLength);
  } catch (error) {
    await new Promise((resolve) => setTimeout(resolve, 1));
    throw error;
  }
}
