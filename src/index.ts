/**
 * openai-mock: the engine and its factories — the package's public surface, listed name by name. Doors and
 * rooms have their own entry points (./server, ./msw, ./nock, ./fetch, ./client, ./fixtures, ./testing).
 */

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
export type { AdminHandler, AdminRequest, AdminRouter } from './engine/admin.js';
export { ADMIN_PREFIX, adminJson, adminNoContent, adminObjectBody } from './engine/admin.js';
export type { Clock, VirtualClock } from './engine/clock.js';
export { createVirtualClock, isVirtualClock, realClock } from './engine/clock.js';
export type {
  EngineCore,
  Exchange,
  FaultNote,
  Middleware,
  MiddlewareSlot,
  OperationTraits,
  RequestContext,
  ResponseObserver,
} from './engine/context.js';
export { MIDDLEWARE_SLOTS } from './engine/context.js';
export type { EngineParts, EngineWith } from './engine/engine.js';
export { buildCoreEngine } from './engine/engine.js';
export type { OpenAIErrorBody, OpenAIErrorInit } from './engine/errors.js';
export { apiErrors, OpenAIHttpError } from './engine/errors.js';
export type { EngineFeature, FeatureApisOf, FeatureOptionsOf } from './engine/feature.js';
export type { OperationHandler, SimulatorSet } from './engine/handler.js';
export { bytes, json, sse } from './engine/handler.js';
export type { Journal, JournalEntry, JournalFinding } from './engine/journal.js';
export type { ModelCatalog, ModelInfo, ModelKind } from './engine/models.js';
export { createModelCatalog, DEFAULT_MODELS } from './engine/models.js';
export type { CoreEngineOptions, ValidationMode } from './engine/options.js';
export { PIPELINE_STAGES } from './engine/pipeline.js';
export { defineSetting, type EngineSetting } from './engine/setting.js';
export { encodeSseEvent, SSE_HEADERS } from './engine/sse.js';
export type { Store, StoreRegistry } from './engine/store.js';
export { createMemoryStore } from './engine/store.js';
export type {
  HandleOptions,
  MockBody,
  MockRequest,
  MockResponse,
  MultipartBody,
  MultipartFile,
  SseEvent,
} from './engine/types.js';
export { ConnectionCutError } from './engine/types.js';
export { toWire, type WireResponse } from './engine/wire.js';
export {
  CASSETTE_HEADER,
  type CassetteOptions,
  type CassettesApi,
  cassettesFeature,
  installCassettes,
} from './features/cassettes/install.js';
export { type CassetteMiss, CassetteMissError } from './features/cassettes/miss-error.js';
export type { FaultRuleInfo, FaultRuleInput, FaultsApi, FaultsOptions } from './features/faults/index.js';
export type { Finding, FindingKind, FindingsApi, FindingsOptions } from './features/findings/index.js';
export { FINDING_KINDS, formatFindings } from './features/findings/index.js';
export type { RateLimitOptions, RateLimitsApi } from './features/rate-limits/index.js';
export type { CassetteSummary } from './record/cassette-book.js';
export { readCassette, stringifyCassette, writeCassette } from './record/cassette-file.js';
export { cassettePath } from './record/cassette-library.js';
export {
  CASSETTE_ERROR_CODES,
  CassetteError,
  type CassetteErrorCode,
  isCassetteError,
} from './record/errors.js';
export type {
  Cassette,
  CassetteMeta,
  Interaction,
  RecordedEvent,
  RecordedMultipart,
  RecordedRequest,
  RecordedRequestBody,
  RecordedResponse,
  RecordedResponseBody,
} from './record/format.js';
export { CASSETTE_VERSION } from './record/format.js';
export { formatCassetteReport } from './record/format-report.js';
export { CASSETTE_MODES, type CassetteMode, MODE_ENV, resolveMode } from './record/mode.js';
export { canonicalPath, DEFAULT_KEPT_HEADERS, type MatchOptions } from './record/normalize.js';
export { parseCassette } from './record/parse-cassette.js';
export {
  createRedactor,
  DEFAULT_REDACTED_HEADERS,
  OPENAI_KEY_PATTERN,
  type RedactOptions,
  type Redactor,
} from './record/redact.js';
export {
  type CassetteFileReport,
  type CassetteProblem,
  type CassetteReport,
  type ValidateCassettesOptions,
  validateCassettes,
} from './record/validate-cassettes.js';
export type { MockServer, StartMockServerOptions } from './server/fastify/start.js';
export { startMockServer } from './server/fastify/start.js';
