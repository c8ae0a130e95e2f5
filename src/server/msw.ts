import { bypass, type HttpHandler, http } from 'msw';
import { type SetupServer, setupServer } from 'msw/node';
import { type CreateEngineOptions, createEngine, type Engine, inProcessEngineOptions } from '../compose.js';
import { toWire } from '../engine/index.js';
import { interceptTargets } from './intercept-targets.js';
import { fromWebRequest, toWebResponse } from './web.js';

export interface MswHandlersOptions {
  engine: Engine;
  /** Base URLs to intercept; a path before `/v1` (`https://proxy.example/openai/v1`) is stripped. @default 'https://api.openai.com' */
  baseURL?: string | readonly string[];
}

/**
 * The msw door: handlers for your own `setupServer(...)`. Each request goes to the engine as raw bytes; its
 * wire answer comes back as a `Response`, streams included (a reset is `Response.error()`).
 * To record through an engine you built, give its `features.cassettes` a fetch that msw lets through:
 * `fetch: (input, init) => fetch(bypass(input, init))` (`setupOpenAIMock` does this for you).
 */
export function createMswHandlers(options: MswHandlersOptions): HttpHandler[] {
  return interceptTargets(options.baseURL).map(({ origin, prefix }) =>
    http.all(`${origin}${prefix}/*`, async ({ request }) => {
      const response = await options.engine.handle(await fromWebRequest(request, prefix), {
        signal: request.signal,
      });
      const wire = toWire(response, request.signal);
      return wire.reset ? Response.error() : toWebResponse(wire);
    }),
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
