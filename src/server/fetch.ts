import { type CreateEngineOptions, createEngine, type Engine, inProcessEngineOptions } from '../compose.js';
import type { Journal } from '../engine/index.js';
import { toWire } from '../engine/index.js';
import { interceptTargets } from './intercept-targets.js';
import { fromWebRequest, toWebResponse } from './web.js';

export interface MockFetchOptions extends CreateEngineOptions {
  /** Serve an engine built elsewhere instead of creating one. */
  engine?: Engine;
  /**
   * Base URL the client uses, when its path has something before `/v1` to strip
   * (`https://proxy.example/openai/v1`). Any host reaches the engine. @default none: paths as sent
   */
  baseURL?: string;
  /** The fetch that recording and passthrough cassettes use to reach the real API. @default globalThis.fetch */
  upstreamFetch?: typeof fetch;
}

export interface MockFetch {
  /** A `fetch` that answers from the engine: give it to any client that takes one (`new OpenAI({ fetch })`). */
  readonly fetch: typeof fetch;
  readonly engine: Engine;
  readonly journal: Journal;
  /** Clears state, journal, faults and runtime fixtures. */
  reset(): Promise<void>;
  /** Closes the engine it created (saving cassettes); safe to call twice. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

/**
 * The fetch door: no port, no global patching. The request goes to the engine in-process; a reset or a cut
 * stream fails the way undici's fetch fails on a dropped socket (`TypeError: fetch failed` / `terminated`).
 */
export async function createMockFetch(options: MockFetchOptions = {}): Promise<MockFetch> {
  const upstream = options.upstreamFetch ?? globalThis.fetch.bind(globalThis);
  const engine = options.engine ?? (await createEngine(inProcessEngineOptions(options, upstream)));
  const prefix = options.baseURL === undefined ? '' : interceptTargets(options.baseURL)[0]!.prefix;
  const mockFetch = async (input: RequestInfo | URL, init?: RequestInit): Promise<Response> => {
    const request = new Request(input, init);
    request.signal.throwIfAborted();
    const response = await engine.handle(await fromWebRequest(request, prefix), { signal: request.signal });
    const wire = toWire(response, request.signal);
    if (wire.reset)
      throw new TypeError('fetch failed', {
        cause: Object.assign(new Error('other side closed'), { code: 'UND_ERR_SOCKET' }),
      });
    return toWebResponse(wire, (error) => new TypeError('terminated', { cause: error }));
  };
  let closing: Promise<void> | undefined;
  const mock: MockFetch = {
    fetch: mockFetch,
    engine,
    journal: engine.journal,
    reset: () => engine.reset(),
    close() {
      closing ??= options.engine ? Promise.resolve() : engine.close();
      return closing;
    },
    [Symbol.asyncDispose]: () => mock.close(),
  };
  return mock;
}
