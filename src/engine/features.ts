import { installFaults } from '../features/faults/index.js';
import { installFindings } from '../features/findings/index.js';
import { installRateLimits } from '../features/rate-limits/index.js';
import { installScripted } from '../features/scripted-replies/index.js';
import { type CassetteOptions, installCassettes } from '../record/install-cassettes.js';
import { installBatches } from '../simulators/batches/runner/index.js';
import type { EngineCore } from './context.js';

/**
 * Features that plug into the engine (faults, rate limits, fixtures, replay, batches, …). Each installs its
 * middleware, admin routes and reset hooks, and may return a programmatic API that becomes a property of the
 * engine (`engine.faults.add(…)`). Add one line per feature here.
 */
export function installFeatures(engine: EngineCore, options: Record<string, unknown>) {
  return {
    batches: installBatches(engine),
    cassettes: installCassettes(engine, options['cassettes'] as CassetteOptions | undefined),
    faults: installFaults(engine, options['faults']),
    findings: installFindings(engine, options['findings']),
    fixtures: installScripted(engine, options['fixtures']),
    rateLimits: installRateLimits(engine, options['rateLimits']),
  };
}

/** The programmatic APIs features add to the engine. */
export type FeatureApis = ReturnType<typeof installFeatures>;
