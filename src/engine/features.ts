import type { EngineCore } from './context.js';

/**
 * Features that plug into the engine (faults, rate limits, fixtures, replay, batches, …). Each installs its
 * middleware, admin routes and reset hooks, and may return a programmatic API that becomes a property of the
 * engine (`engine.faults.add(…)`). Add one line per feature here.
 */
export function installFeatures(engine: EngineCore, options: Record<string, unknown>) {
  void options;
  void engine;
  return {};
}

/** The programmatic APIs features add to the engine. */
export type FeatureApis = ReturnType<typeof installFeatures>;
