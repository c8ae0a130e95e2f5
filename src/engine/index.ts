export type { FaultRuleInfo, FaultRuleInput, FaultsApi, FaultsOptions } from '../features/faults/index.js';
export type { Finding, FindingKind, FindingsApi, FindingsOptions } from '../features/findings/index.js';
export { FINDING_KINDS, formatFindings } from '../features/findings/index.js';
export type { RateLimitOptions, RateLimitsApi } from '../features/rate-limits/index.js';
export type { AdminHandler, AdminRequest, AdminRouter } from './admin.js';
export { ADMIN_PREFIX, adminJson, adminNoContent, adminObjectBody } from './admin.js';
export type { Clock, VirtualClock } from './clock.js';
export { createVirtualClock, isVirtualClock, realClock } from './clock.js';
export type {
  EngineCore,
  Exchange,
  Middleware,
  MiddlewareSlot,
  RequestContext,
  ResponseObserver,
} from './context.js';
export { MIDDLEWARE_SLOTS } from './context.js';
export type { CreateEngineOptions, Engine } from './engine.js';
export { buildEngine, createEngine } from './engine.js';
export type { OpenAIErrorBody, OpenAIErrorInit } from './errors.js';
export { apiErrors, OpenAIHttpError } from './errors.js';
export type { OperationHandler } from './handler.js';
export { bytes, json, sse } from './handler.js';
export type { Journal, JournalEntry, JournalFinding } from './journal.js';
export type { ModelCatalog, ModelInfo, ModelKind } from './models.js';
export { createModelCatalog, DEFAULT_MODELS } from './models.js';
export type { EngineOptions, ValidationMode } from './options.js';
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
