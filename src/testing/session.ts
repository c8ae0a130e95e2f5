import type { CreateEngineOptions, Engine } from '../compose.js';
import type { CassetteOptions } from '../features/cassettes/install.js';
import type { CassetteMiss } from '../features/cassettes/miss-error.js';
import type { CassetteMode } from '../record/mode.js';
import { type ExpectNoFindingsOptions, expectNoFindings } from './findings.js';

export type MockDoor = 'server' | 'msw' | 'nock';

export interface OpenAIMockSessionOptions extends CreateEngineOptions {
  /** How tests reach the engine: a local server, or msw / nock interception of `baseURL` (no port). @default 'server' */
  door?: MockDoor;
  /** Port for the server door. @default 0 (a free one) */
  port?: number;
  /** Intercepted base URLs for the msw and nock doors. @default 'https://api.openai.com' */
  baseURL?: string | readonly string[];
  /** Folder for per-test cassettes, each named after its test; no cassettes when absent. */
  cassettes?: string;
  /** @default 'replay' (`OPENAI_MOCK_CASSETTE_MODE` overrides) */
  mode?: CassetteMode;
  /** The real API for recording modes. */
  upstream?: string;
  /** Redaction, matching, speed and the rest of the cassette options. */
  cassetteOptions?: Omit<CassetteOptions, 'dir' | 'cassette' | 'mode' | 'upstream'>;
  /** A test's cassette name from its file and full name. @default `<file>/<describe>/<test>` */
  cassetteName?: (test: { file: string; name: string }) => string;
  /** The server door sets `OPENAI_BASE_URL` while it runs, so `new OpenAI()` finds it. @default true */
  setBaseUrlEnv?: boolean;
}

export interface OpenAIMockSession {
  /** The engine (journal, faults, fixtures, cassettes, reset); available once started. */
  readonly engine: Engine;
  /** Base URL for clients, ending in `/v1`; available once started. */
  readonly url: string;
  start(): Promise<void>;
  /** Resets state and journal, and switches to the test's cassette. */
  beginTest(test: { file: string; name: string }): Promise<void>;
  /** Saves what the test recorded; resolves with its cassette misses (the runner adapters fail the test on them). */
  endTest(): Promise<CassetteMiss[]>;
  stop(): Promise<void>;
  /** Fails unless the server found nothing wrong with how the client retried (see `expectNoFindings`). */
  expectNoFindings(options?: ExpectNoFindingsOptions): void;
  /** `stop()`, for `await using session = createOpenAIMockSession(…)`. */
  [Symbol.asyncDispose](): Promise<void>;
}

interface Running {
  engine: Engine;
  url: string;
  close(): Promise<void>;
}

/**
 * What every runner adapter (vitest, jest, node:test) does around a test file: start one engine behind the
 * chosen door, give each test a clean engine and its own cassette, and stop at the end. Doors are imported
 * on demand, so msw and nock stay optional.
 */
export function createOpenAIMockSession(options: OpenAIMockSessionOptions = {}): OpenAIMockSession {
  const {
    door = 'server',
    cassettes,
    mode,
    upstream,
    cassetteOptions,
    cassetteName,
    setBaseUrlEnv = true,
    port,
    baseURL,
    ...engineOptions
  } = options;
  let running: Running | undefined;
  let previousEnv: string | undefined;
  const need = () => {
    if (!running)
      throw new Error(
        'openai-mock: the mock is not started yet; use it inside tests or hooks, after beforeAll.',
      );
    return running;
  };
  const features =
    cassettes === undefined
      ? engineOptions.features
      : {
          ...engineOptions.features,
          cassettes: {
            ...cassetteOptions,
            dir: cassettes,
            ...(mode !== undefined && { mode }),
            ...(upstream !== undefined && { upstream }),
          },
        };
  const withFeatures: CreateEngineOptions = { ...engineOptions, ...(features !== undefined && { features }) };

  const session: OpenAIMockSession = {
    get engine() {
      return need().engine;
    },
    get url() {
      return need().url;
    },
    async start() {
      running ??= await startDoor(door, withFeatures, port, baseURL);
      if (door === 'server' && setBaseUrlEnv) {
        previousEnv = process.env['OPENAI_BASE_URL'];
        process.env['OPENAI_BASE_URL'] = running.url;
      }
    },
    async beginTest(test) {
      const { engine } = need();
      await engine.reset();
      if (cassettes !== undefined)
        await engine.cassettes.use(cassetteName ? cassetteName(test) : defaultName(test));
    },
    async endTest() {
      const { engine } = need();
      const misses = [...engine.cassettes.misses];
      if (cassettes !== undefined) await engine.cassettes.eject();
      return misses;
    },
    expectNoFindings(o) {
      expectNoFindings(need(), o);
    },
    async stop() {
      if (!running) return;
      const closing = running;
      running = undefined;
      if (door === 'server' && setBaseUrlEnv) {
        if (previousEnv === undefined) delete process.env['OPENAI_BASE_URL'];
        else process.env['OPENAI_BASE_URL'] = previousEnv;
      }
      await closing.close();
    },
    [Symbol.asyncDispose]: () => session.stop(),
  };
  return session;
}

async function startDoor(
  door: MockDoor,
  options: CreateEngineOptions,
  port: number | undefined,
  baseURL: string | readonly string[] | undefined,
): Promise<Running> {
  const first = [baseURL ?? 'https://api.openai.com'].flat()[0]!;
  const v1 = first.replace(/\/+$/, '').replace(/(\/v1)?$/, '/v1');
  const intercept = baseURL === undefined ? {} : { baseURL };
  if (door === 'server') {
    const { startMockServer } = await import('../server/fastify/start.js');
    const server = await startMockServer({ ...options, port: port ?? 0 });
    return { engine: server.engine, url: server.url, close: () => server.close() };
  }
  if (door === 'msw') {
    const { setupOpenAIMock } = await import('../server/msw.js');
    const mock = await setupOpenAIMock({ ...options, ...intercept });
    return { engine: mock.engine, url: v1, close: () => mock.close() };
  }
  if (door === 'nock') {
    const { setupOpenAIMockWithNock } = await import('../server/nock.js');
    const mock = await setupOpenAIMockWithNock({ ...options, ...intercept });
    return { engine: mock.engine, url: v1, close: () => mock.close() };
  }
  throw new TypeError(`openai-mock: door '${String(door)}' is not a door; use 'server', 'msw' or 'nock'.`);
}

/** `chat.test.ts` + `streams > replays events` → `chat.test/streams/replays events` (tidied by the record room). */
function defaultName({ file, name }: { file: string; name: string }): string {
  const base =
    file
      .split(/[\\/]/)
      .pop()
      ?.replace(/\.[cm]?[jt]sx?$/, '') || 'tests';
  return [base, ...name.split(/\s+>\s+/)].join('/');
}

/** The message a runner adapter fails a test with when requests found no recording. */
export function missesMessage(misses: readonly CassetteMiss[]): string {
  return `openai-mock: ${misses.length} request${misses.length === 1 ? '' : 's'} had no recording:\n\n${misses.map((m) => m.message).join('\n\n')}`;
}
