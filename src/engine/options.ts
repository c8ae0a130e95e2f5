import type { Contract } from '../contract/index.js';
import type { Clock } from './clock.js';
import type { ModelInfo } from './models.js';
import type { Store } from './store.js';

export type ValidationMode = 'strict' | 'warn' | 'off';

/** The core's options; `src/compose.ts` adds the typed `features` of the default set (`EngineOptions`). */
export interface CoreEngineOptions {
  /**
   * The OpenAPI document, loaded. `null` runs without one: simulated endpoints only, no validation.
   * Loaded from the default location when left out (see `loadContract`).
   */
  contract?: Contract | null;
  /** Seed for all generated content. @default 0 */
  seed?: number;
  /** What an invalid request gets: `strict` answers 400 as the real API would, `warn` notes it in the journal. @default 'strict' */
  validation?: ValidationMode;
  /** Validate every outgoing body and SSE event; violations land in the journal. @default true when OPENAI_MOCK_CHECK_RESPONSES=1, else false */
  checkResponses?: boolean;
  /** Demand an API key: `true` accepts any non-empty key, a string or list accepts only those. @default false */
  requireApiKey?: boolean | string | readonly string[];
  /** Accept any model name instead of answering 404 `model_not_found` for unknown ones. @default false */
  acceptAnyModel?: boolean;
  /**
   * What a stateful simulator answers for an id it never created: `error` is the real API's 404; `generate`
   * answers from the schema instead, as stateless mocks do (what the official SDKs' generated tests expect).
   * @default 'error'
   */
  missingResources?: 'error' | 'generate';
  /**
   * The conformance profile, for SDK and wrapper authors: only the document's own rules reject a request
   * (the simulators' extra real-API checks and the model-kind checks are off; a simulator's 4xx is answered
   * from the success schema instead), any model id is accepted, and invented ids answer as with
   * `missingResources: 'generate'`. The default is the realistic profile. @default false
   */
  conformance?: boolean;
  /** Models added to the catalog. @default [] */
  models?: readonly ModelInfo[];
  /** Stamp every `created` with this unix time (seconds) instead of the clock's. @default undefined */
  freezeTime?: number;
  /** The clock for timestamps, waits and virtual-time features. @default the real clock */
  clock?: Clock;
  /** Where state lives; in memory by default. */
  storeFactory?: <T>(name: string) => Store<T>;
  /** How many journal entries are kept (oldest dropped first). @default 10000 */
  journalLimit?: number;
  /** Bounds on the work and memory one client can cause (see `EngineLimits`); each defaults on its own. */
  limits?: Partial<EngineLimits>;
}

/**
 * What keeps a long-running server bounded whatever clients send (issue 11). Evicted objects answer 404,
 * as the real API does for expired ones.
 */
export interface EngineLimits {
  /** Deepest nesting of arrays and objects in a JSON body; a deeper one gets a 400. @default 128 */
  jsonDepth: number;
  /**
   * Objects each store keeps: stored chat completions, responses, conversations and their items, files,
   * uploads, batches, generic objects. When full, the oldest created is dropped. @default 10000
   */
  storeEntries: number;
  /**
   * Keys each per-key or per-scope table keeps: ids issued (for uniqueness), rate-limit buckets (per API
   * key), fault and fixture counters (per `x-mock-test-id`). When full, the least recently used key is
   * dropped (its counters start over). @default 10000
   */
  tableEntries: number;
  /**
   * Ids remembered to keep new ones unique (identical requests draw identical ids, so repeats are told
   * apart by count). Older ones are forgotten first. @default 100000
   */
  idEntries: number;
}

export const DEFAULT_LIMITS: EngineLimits = {
  jsonDepth: 128,
  storeEntries: 10_000,
  tableEntries: 10_000,
  idEntries: 100_000,
};

export interface ResolvedEngineOptions {
  limits: EngineLimits;
  seed: number;
  validation: ValidationMode;
  checkResponses: boolean;
  requireApiKey: boolean | readonly string[];
  acceptAnyModel: boolean;
  missingResources: 'error' | 'generate';
  conformance: boolean;
  freezeTime: number | undefined;
  journalLimit: number;
}

export function resolveEngineOptions(options: CoreEngineOptions): ResolvedEngineOptions {
  const seed = options.seed ?? 0;
  if (!Number.isInteger(seed)) throw new TypeError(`openai-mock: seed must be an integer, got ${seed}`);
  const validation = options.validation ?? 'strict';
  if (!['strict', 'warn', 'off'].includes(validation))
    throw new TypeError(`openai-mock: validation must be 'strict', 'warn' or 'off', got '${validation}'`);
  const key = options.requireApiKey ?? false;
  const limits = { ...DEFAULT_LIMITS, ...options.limits };
  for (const [name, value] of Object.entries(limits))
    if (!Number.isInteger(value) || value < 1)
      throw new TypeError(`openai-mock: limits.${name} must be a positive integer, got ${value}`);
  const conformance = options.conformance ?? false;
  return {
    limits,
    seed,
    validation,
    checkResponses: options.checkResponses ?? process.env['OPENAI_MOCK_CHECK_RESPONSES'] === '1',
    requireApiKey: typeof key === 'string' ? [key] : key,
    acceptAnyModel: options.acceptAnyModel ?? conformance,
    missingResources: options.missingResources ?? (conformance ? 'generate' : 'error'),
    conformance,
    freezeTime: options.freezeTime,
    journalLimit: options.journalLimit ?? 10_000,
  };
}
