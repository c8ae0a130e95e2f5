import type { EngineCore, Middleware } from '../../engine/context.js';
import type { EngineFeature } from '../../engine/feature.js';
import type { CassetteBook, CassetteSummary } from '../../record/cassette-book.js';
import { CassetteLibrary, cassettePath } from '../../record/cassette-library.js';
import { CASSETTE_ERROR_CODES, CassetteError } from '../../record/errors.js';
import { type CassetteMode, goesUpstream, resolveMode } from '../../record/mode.js';
import { DEFAULT_KEPT_HEADERS, type MatchOptions, toRecordedRequest } from '../../record/normalize.js';
import { createRedactor, type RedactOptions } from '../../record/redact.js';
import type { CassetteMiss } from './miss-error.js';

// Replaying, explaining a miss and going upstream (with its SSE parser) happen only once a cassette is in
// use: loaded then, so that every engine does not import them at start (~5 ms of a cold start).
const replayResponse = async (...args: Parameters<typeof import('./replay-response.js').replayResponse>) =>
  (await import('./replay-response.js')).replayResponse(...args);
const missError = async (...args: Parameters<typeof import('./miss-error.js').missError>) =>
  (await import('./miss-error.js')).missError(...args);
const forwardUpstream = async (...args: Parameters<typeof import('./recorder.js').forwardUpstream>) =>
  (await import('./recorder.js')).forwardUpstream(...args);

export interface CassetteOptions {
  /** Folder of cassettes: a name `chat/basic` is `<dir>/chat/basic.json`. @default the working directory */
  dir?: string;
  /** The cassette in use from the start: a name under `dir` or a path ending in `.json`. @default none until `use()` */
  cassette?: string;
  /** @default 'replay' (`OPENAI_MOCK_CASSETTE_MODE` overrides) */
  mode?: CassetteMode;
  /** The real API, for `record`, `update` and `passthrough`, e.g. `https://api.openai.com/v1`. */
  upstream?: string;
  /** Fetch for the upstream; in-process doors pass one their own interception lets through. @default globalThis.fetch */
  fetch?: typeof fetch;
  /**
   * The recorder's own key for the upstream (the client's key is not sent on); never written to a cassette.
   * @default the variable `keyEnv` of `env`
   */
  apiKey?: string;
  /** The environment variable holding the upstream key. @default 'OPENAI_API_KEY' */
  keyEnv?: string;
  /** Send the client's own key upstream instead (for a proxy whose clients hold real keys). @default false */
  forwardClientKey?: boolean;
  /** Called when the upstream refuses the key (401/403; nothing is recorded), e.g. to stop a recording run. */
  onRefused?: (error: Error) => void;
  /** Added to the default redaction (credential headers and `sk-…` keys are always redacted). */
  redact?: RedactOptions;
  /** What is left out when requests are compared. */
  match?: MatchOptions;
  /** Request headers kept in cassettes. @default ['content-type', 'openai-beta', 'accept'] */
  keepHeaders?: readonly string[];
  /** Stream replay pace: `'instant'`, or a factor on the recorded gaps (1 = as recorded). @default 'instant' */
  speed?: number | 'instant';
  /** Write new recordings shortly after they complete (the recording proxy), not only on `save()`/close. @default false */
  autosave?: boolean;
  /** Where `OPENAI_MOCK_CASSETTE_MODE` is read. @default process.env */
  env?: NodeJS.ProcessEnv;
}

export interface CassettesApi {
  readonly mode: CassetteMode;
  /** The cassette file in use, if any. */
  readonly current: string | undefined;
  /** Requests that found no recording in `replay` mode since the last reset. */
  readonly misses: readonly CassetteMiss[];
  /** Switches to another cassette (a name under `dir` or a `.json` path); saves what was recorded so far. */
  use(cassette: string): Promise<void>;
  /** Saves and stops using cassettes (requests go to the simulator again). */
  eject(): Promise<string[]>;
  /** Waits for recordings under way, then writes cassettes with new interactions; resolves with the paths written. */
  save(): Promise<string[]>;
  /** What this session recorded, per cassette: compared with the file as it was before. */
  summary(): Promise<CassetteSummary[]>;
}

/** The header that picks a cassette per request, for suites that share one server. */
export const CASSETTE_HEADER = 'x-mock-cassette';

/**
 * Installs record/replay in the engine's `replay` slot: after faults and rate limits, before the model check
 * (a recording may name a model the simulated catalog lacks), scripted replies and the simulators.
 */
export function installCassettes(engine: EngineCore, options: CassetteOptions = {}): CassettesApi {
  const mode = resolveMode(options.mode, options.env);
  if (goesUpstream(mode) && !options.upstream)
    throw new CassetteError(
      CASSETTE_ERROR_CODES.badOption,
      `openai-mock: cassette mode '${mode}' needs an upstream; pass upstream: 'https://api.openai.com/v1' or use mode 'replay'.`,
    );
  const keyEnv = options.keyEnv ?? 'OPENAI_API_KEY';
  const upstream = {
    url: options.upstream ?? '',
    fetch: options.fetch,
    apiKey: options.apiKey ?? ((options.env ?? process.env)[keyEnv] || undefined),
    forwardClientKey: options.forwardClientKey ?? false,
    keySource: options.apiKey !== undefined ? 'the apiKey option' : `$${keyEnv}`,
  };
  const match = options.match ?? {};
  const redactor = createRedactor(options.redact);
  const spec = () =>
    engine.contract ? { version: engine.contract.version, hash: engine.contract.hash } : null;
  const library = new CassetteLibrary(match, mode === 'record');
  const failed = (book: CassetteBook, error: unknown) => {
    book.errors++;
    if ((error as { body?: { error?: { code?: unknown } } }).body?.error?.code === 'upstream_refused_key')
      options.onRefused?.(error as Error);
  };
  const inflight = new Set<Promise<unknown>>();
  const misses: CassetteMiss[] = [];
  let current = options.cassette === undefined ? undefined : cassettePath(options.cassette, options.dir);
  // The first cassette loads with the engine: a corrupt file fails here, once, rather than on every request.
  if (current !== undefined) library.preload(current);
  let autosave: ReturnType<typeof setTimeout> | undefined;

  const save = async () => {
    while (inflight.size) await Promise.allSettled([...inflight]);
    return library.save(spec());
  };
  const scheduleSave = () => {
    if (!options.autosave || autosave) return;
    autosave = setTimeout(() => {
      autosave = undefined;
      void save().catch((error: unknown) =>
        console.error(`openai-mock: could not save cassettes: ${String(error)}`),
      );
    }, 50);
  };

  const middleware: Middleware = async (ctx, next) => {
    const picked = ctx.request.headers[CASSETTE_HEADER];
    const path = picked ? cassettePath(picked, options.dir) : current;
    if (path === undefined) return next();
    const book = await library.open(path);
    const request = redactor.request(
      toRecordedRequest({ ...ctx.request, body: ctx.body }, options.keepHeaders ?? DEFAULT_KEPT_HEADERS),
      ctx.apiKey ? [ctx.apiKey] : [],
    );
    if (mode !== 'record' && mode !== 'passthrough') {
      const hit = book.take(request, ctx.scope, mode !== 'update');
      if (hit) {
        ctx.source = 'cassette';
        return replayResponse(hit, {
          speed: options.speed ?? 'instant',
          clock: ctx.engine.clock,
          signal: ctx.signal,
        });
      }
      if (mode === 'replay-or-mock') return next();
      if (mode === 'replay') {
        const error = await missError(ctx, request, book);
        misses.push(error.miss);
        ctx.source = 'cassette-miss';
        throw error;
      }
    }
    ctx.source = 'upstream';
    if (mode === 'passthrough')
      return forwardUpstream(ctx, request, upstream).catch((error: unknown) => {
        failed(book, error);
        throw error;
      });
    // Streams finish after the response is handed back: saving waits for every recording under way.
    let settle!: () => void;
    const recording = new Promise<void>((resolve) => (settle = resolve));
    inflight.add(recording);
    void recording.then(() => inflight.delete(recording));
    try {
      return await forwardUpstream(ctx, request, upstream, (interaction, secrets) => {
        book.add(redactor.interaction(interaction, secrets), ctx.scope, mode === 'update');
        settle();
        scheduleSave();
      });
    } catch (error) {
      failed(book, error);
      settle();
      throw error;
    }
  };

  engine.use('replay', middleware);
  engine.onReset(() => {
    misses.length = 0;
    library.rewind();
  });
  engine.onClose(async () => {
    clearTimeout(autosave);
    await save();
  });

  return {
    mode,
    get current() {
      return current;
    },
    misses,
    async use(cassette) {
      await save();
      current = cassettePath(cassette, options.dir);
      await library.open(current);
    },
    async eject() {
      const written = await save();
      current = undefined;
      return written;
    },
    save,
    summary: () => library.summary(),
  };
}

/** Record and replay as an engine feature: `features.cassettes`, `engine.cassettes`. */
export const cassettesFeature: EngineFeature<'cassettes', CassetteOptions, CassettesApi> = {
  name: 'cassettes',
  install: (engine, options) => installCassettes(engine, options),
};
