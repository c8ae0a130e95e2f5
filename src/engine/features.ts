import type { EngineCore } from './context.js';

/**
 * Features that plug into the engine (faults, rate limits, fixtures, replay, …). Each installs its middleware,
 * admin routes and reset hooks; add one line per feature here.
 */
export function installFeatures(engine: EngineCore, options: Record<string, unknown>): void {
  void engine;
  void options;
}
