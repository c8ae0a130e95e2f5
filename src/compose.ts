/**
 * The composition: the one place that knows every simulator and every feature, and builds the default
 * engine from them for the doors (server, msw, nock, fetch), the CLI and the testing helpers. The core
 * (`src/engine`) knows them only by shape; to add a feature, write it in its room and list it here.
 */
import type { Contract } from './contract/index.js';
import { loadContract, SpecNotFoundError } from './contract/index.js';
import type { RequestContext } from './engine/context.js';
import { buildCoreEngine, type EngineWith } from './engine/engine.js';
import type { FeatureApisOf, FeatureOptionsOf } from './engine/feature.js';
import type { OperationHandler, SimulatorSet } from './engine/handler.js';
import type { CoreEngineOptions } from './engine/options.js';
import type { MockResponse } from './engine/types.js';
import { cassettesFeature } from './features/cassettes/install.js';
import { faultsFeature } from './features/faults/install.js';
import { findingsFeature } from './features/findings/install.js';
import { rateLimitsFeature } from './features/rate-limits/install.js';
import { scriptedRepliesFeature } from './features/scripted-replies/install.js';
import { goesUpstream, resolveMode } from './record/mode.js';
import { batchesFeature } from './simulators/batches/runner/batch-scheduler.js';
import { serverPacing } from './simulators/chat/pacing.js';
import { fileLimits } from './simulators/files/file-options.js';
import { modelHandlers } from './simulators/models.js';
import { responsesOptions } from './simulators/responses/response-options.js';

/**
 * The default features, in install order (which orders admin routes and reset hooks; the middleware order
 * is the engine's slots). Each is `features[name]` in the options and, when it has an API, `engine[name]`.
 */
export const defaultFeatures = [
  fileLimits,
  serverPacing,
  responsesOptions,
  batchesFeature,
  cassettesFeature,
  faultsFeature,
  findingsFeature,
  scriptedRepliesFeature,
  rateLimitsFeature,
] as const;

export type DefaultFeatures = typeof defaultFeatures;
/** `features` of the engine options: one typed entry per default feature (a misspelt name does not compile). */
export type FeatureOptions = FeatureOptionsOf<DefaultFeatures>;

export interface EngineOptions extends CoreEngineOptions {
  /** Per-feature options: faults, findings, rateLimits, fixtures, cassettes, batches, files, pacing, responses. */
  features?: FeatureOptions;
}

/** The default engine: the core with `engine.faults`, `.rateLimits`, `.fixtures`, `.cassettes`, `.batches`. */
export type Engine = EngineWith<FeatureApisOf<DefaultFeatures>>;

/**
 * The simulators load on the first request that needs one (with the schema sampler: ~20 ms of imports).
 * `GET /models` is small and stays eager: it answers the first request of most clients (and of the
 * cold-start benchmark) without loading the rest.
 */
let generic: typeof import('./simulators/generic/index.js') | undefined;
const loadGeneric = async () => {
  generic ??= await import('./simulators/generic/index.js');
  return generic;
};
export const defaultSimulators: SimulatorSet = {
  eager: modelHandlers,
  load: async (): Promise<readonly OperationHandler[]> => (await import('./simulators/index.js')).simulators,
  fallback: async (ctx: RequestContext): Promise<MockResponse> => (await loadGeneric()).respondGeneric(ctx),
  missing: async (ctx: RequestContext): Promise<MockResponse> => (await loadGeneric()).respondMissing(ctx),
};

/** Builds the default engine around a loaded document (or none). */
export function buildEngine(contract: Contract | undefined, options: EngineOptions = {}): Engine {
  return buildCoreEngine(contract, options, { simulators: defaultSimulators, features: defaultFeatures });
}

export interface CreateEngineOptions extends EngineOptions {
  /** Path of the OpenAPI document, when `contract` is not given. @default OPENAI_MOCK_SPEC, else ../shared/openai-openapi/openapi.json */
  spec?: string;
  /** Called once with the warning when no document is found and the engine runs without one. @default console.warn */
  warn?: (message: string) => void;
}

/** Loads the document (unless given) and builds the default engine. */
export async function createEngine(options: CreateEngineOptions = {}): Promise<Engine> {
  let contract: Contract | undefined;
  if (options.contract !== undefined) contract = options.contract ?? undefined;
  else if (options.spec !== undefined) contract = await loadContract({ spec: options.spec });
  else {
    try {
      contract = await loadContract();
    } catch (error) {
      // Only the default search may come up empty: a path or URL the user gave must exist.
      if (!(error instanceof SpecNotFoundError) || error.source !== 'default') throw error;
      (options.warn ?? console.warn)(
        `openai-mock: running without the OpenAPI document (simulated endpoints only, validation off): ${error.message}`,
      );
    }
  }
  return buildEngine(contract, options);
}

/**
 * Engine options for an in-process door (msw, nock, fetch): recording reaches the upstream with `passFetch`
 * (a fetch the door's own interception lets through), and while traffic goes to the real API the real API
 * judges it, so unknown models and request-schema drift are noted rather than refused (unless the caller
 * chose otherwise).
 */
export function inProcessEngineOptions(
  options: CreateEngineOptions,
  passFetch: typeof fetch,
): CreateEngineOptions {
  const cassettes = options.features?.cassettes;
  if (!cassettes) return options;
  const upstream = goesUpstream(resolveMode(cassettes.mode, cassettes.env));
  return {
    ...(upstream && { acceptAnyModel: true, validation: 'warn' as const }),
    ...options,
    features: { ...options.features, cassettes: { fetch: passFetch, ...cassettes } },
  };
}
