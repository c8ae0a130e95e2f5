export type { AdminHandler, AdminRequest, AdminRouter } from './admin.js';
export { ADMIN_PREFIX, adminJson, adminNoContent, adminObjectBody } from './admin.js';
export type { Clock, VirtualClock } from './clock.js';
export { createVirtualClock, isVirtualClock, realClock } from './clock.js';
export type {
  EngineCore,
  Exchange,
  FaultNote,
  Middleware,
  MiddlewareSlot,
  OperationTraits,
  RequestContext,
  ResponseObserver,
} from './context.js';
export { MIDDLEWARE_SLOTS } from './context.js';
export type { EngineParts, EngineWith } from './engine.js';
export { buildCoreEngine } from './engine.js';
export type { OpenAIErrorBody, OpenAIErrorInit } from './errors.js';
export { apiErrors, OpenAIHttpError } from './errors.js';
export type { EngineFeature, FeatureApisOf, FeatureOptionsOf } from './feature.js';
export type { OperationHandler, SimulatorSet } from './handler.js';
export { bytes, json, sse } from './handler.js';
export type { Journal, JournalEntry, JournalFinding } from './journal.js';
export type { ModelCatalog, ModelInfo, ModelKind } from './models.js';
export { createModelCatalog, DEFAULT_MODELS } from './models.js';
export type { CoreEngineOptions, ValidationMode } from './options.js';
export { PIPELINE_STAGES } from './pipeline.js';
export { defineSetting, type EngineSetting } from './setting.js';
export { encodeSseEvent, SSE_HEADERS } from './sse.js';
export type { Store, StoreRegistry } from './store.js';
export { createMemoryStore } from './store.js';
export type {
  HandleOptions,
  MockBody,
  MockRequest,
  MockResponse,
  MultipartBody,
  MultipartFile,
  SseEvent,
} from './types.js';
export { ConnectionCutError } from './types.js';
export { toWire, type WireResponse } from './wire.js';
