/** openai-mock: the engine and its factories. Doors and rooms have their own entry points (./server, ./msw, ./nock, ./client, ./fixtures). */

export type {
  CreateEngineOptions,
  DefaultFeatures,
  Engine,
  EngineOptions,
  FeatureOptions,
} from './compose.js';
export { buildEngine, createEngine, defaultFeatures, defaultSimulators } from './compose.js';
export type { Contract, Operation, Violation } from './contract/index.js';
export { loadContract, locateSpec, SpecNotFoundError } from './contract/index.js';
export * from './engine/index.js';
export * from './features/cassettes/index.js';
export type { FaultRuleInfo, FaultRuleInput, FaultsApi, FaultsOptions } from './features/faults/index.js';
export type { Finding, FindingKind, FindingsApi, FindingsOptions } from './features/findings/index.js';
export { FINDING_KINDS, formatFindings } from './features/findings/index.js';
export type { RateLimitOptions, RateLimitsApi } from './features/rate-limits/index.js';
export * from './record/index.js';
export type { MockServer, StartMockServerOptions } from './server/fastify/start.js';
export { startMockServer } from './server/fastify/start.js';
