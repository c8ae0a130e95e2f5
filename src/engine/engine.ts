import { randomUUID } from 'node:crypto';
import type { Contract } from '../contract/index.js';
import { loadContract, modelsInDocument, SpecNotFoundError } from '../contract/index.js';
import { createIdFactory } from '../fixtures/core.js';
import { modelHandlers } from '../simulators/models.js';
import { ADMIN_PREFIX, createAdminRouter } from './admin.js';
import { installAdminRoutes } from './admin-routes.js';
import { parseBody } from './body.js';
import { type Clock, realClock } from './clock.js';
import { checkContentType } from './content-type-check.js';
import {
  createRequestContext,
  type EngineCore,
  MIDDLEWARE_SLOTS,
  type Middleware,
  type MiddlewareSlot,
  type RequestContext,
  type ResponseObserver,
} from './context.js';
import { OpenAIHttpError } from './errors.js';
import { type FeatureApis, installFeatures } from './features.js';
import type { OperationHandler } from './handler.js';
import { createJournal, type JournalEntry } from './journal.js';
import { createModelCatalog } from './models.js';
import { type EngineOptions, resolveEngineOptions } from './options.js';
import {
  checkApiKey,
  checkModel,
  checkResponse,
  errorToResponse,
  requestedModel,
  runChain,
  validateRequest,
} from './pipeline.js';
import { createRouter } from './router.js';
import { createMemoryStore, createStoreRegistry } from './store.js';
import type { HandleOptions, MockRequest, MockResponse } from './types.js';
import { checkUnknownParameters } from './unknown-params.js';

/**
 * The simulators (chat, Responses, files, batches, … with the schema sampler: ~20 ms of imports) load on
 * the first request that needs one instead of at start. The models simulator is small and stays eager: it
 * answers the first request of most clients (and of the cold-start benchmark) without loading the rest.
 */
const loadSimulators = () => import('../simulators/index.js');
let generic: typeof import('../simulators/generic/index.js') | undefined;
async function respondGeneric(ctx: RequestContext): Promise<MockResponse> {
  generic ??= await import('../simulators/generic/index.js');
  return generic.respondGeneric(ctx);
}
async function respondMissing(ctx: RequestContext): Promise<MockResponse> {
  generic ??= await import('../simulators/generic/index.js');
  return generic.respondMissing(ctx);
}
const eagerHandlers = new Map(modelHandlers.map((h) => [h.operationId, h]));

export interface Engine extends EngineCore, FeatureApis {
  /** Clears state, journal, faults and runtime fixtures. */
  reset(): Promise<void>;
  /** Stops timers and background work; safe to call twice. */
  close(): Promise<void>;
  [Symbol.asyncDispose](): Promise<void>;
}

export interface CreateEngineOptions extends EngineOptions {
  /** Path of the OpenAPI document, when `contract` is not given. @default OPENAI_MOCK_SPEC, else ../shared/openai-openapi/openapi.json */
  spec?: string;
  /** Called once with the warning when no document is found and the engine runs without one. @default console.warn */
  warn?: (message: string) => void;
}

/** Loads the document (unless given) and builds the engine. */
export async function createEngine(options: CreateEngineOptions = {}): Promise<Engine> {
  let contract: Contract | undefined;
  if (options.contract !== undefined) contract = options.contract ?? undefined;
  else if (options.spec !== undefined) contract = await loadContract({ spec: options.spec });
  else {
    try {
      contract = await loadContract();
    } catch (error) {
      if (!(error instanceof SpecNotFoundError)) throw error;
      (options.warn ?? console.warn)(
        `openai-mock: ${error.message} Running without it: simulated endpoints only, validation off.`,
      );
    }
  }
  return buildEngine(contract, options);
}

export function buildEngine(contract: Contract | undefined, options: EngineOptions = {}): Engine {
  const resolved = resolveEngineOptions(options);
  const clock: Clock = options.clock ?? realClock;
  const stores = createStoreRegistry(
    options.storeFactory ?? (() => createMemoryStore(resolved.limits.storeEntries)),
  );
  const journal = createJournal(resolved.journalLimit);
  const admin = createAdminRouter();
  const models = createModelCatalog({
    document: contract ? () => modelsInDocument(contract.document) : undefined,
    extra: options.models,
  });
  const ids = createIdFactory(resolved.limits.idEntries);
  // Without a document the simulators' own routes are the routing table: built with them, on first use.
  let route = contract ? createRouter(contract, []) : undefined;
  let byOperationId: ReadonlyMap<string, OperationHandler> = eagerHandlers;
  let allLoaded = false;
  const loadAll = async () => {
    const { simulators } = await loadSimulators();
    route ??= createRouter(contract, simulators);
    byOperationId = new Map(simulators.map((h) => [h.operationId, h]));
    allLoaded = true;
  };
  const slots = new Map<MiddlewareSlot, Middleware[]>(MIDDLEWARE_SLOTS.map((s) => [s, []]));
  let middleware: Middleware[] = [];
  const resetHooks: Array<() => void | Promise<void>> = [];
  const closeHooks: Array<() => void | Promise<void>> = [];
  const responseObservers: ResponseObserver[] = [];
  let closed = false;

  const simulate = async (ctx: RequestContext) => {
    const handler = byOperationId.get(ctx.operation.id);
    if (!handler) return respondGeneric(ctx);
    try {
      return await handler.handle(ctx);
    } catch (error) {
      // Stateless mode: SDK test suites call `retrieve('file-abc')` on ids they never created and expect an answer.
      if (
        resolved.missingResources === 'generate' &&
        error instanceof OpenAIHttpError &&
        error.status === 404 &&
        ctx.operation.success
      )
        return respondMissing(ctx);
      throw error;
    }
  };

  async function handleApi(request: MockRequest, entry: JournalEntry, options: HandleOptions) {
    const body = await parseBody(request, resolved.limits);
    if (!route) await loadAll();
    const { operation, params } = route!(request.method, request.path, request.query);
    // Before the middleware: simulators register what features consult (e.g. conversation history for rules).
    if (!allLoaded && !eagerHandlers.has(operation.id)) await loadAll();
    entry.operationId = operation.id;
    entry.model = requestedModel(body);
    entry.stream = !!body && typeof body === 'object' && (body as { stream?: unknown }).stream === true;
    const ctx = createRequestContext({
      engine,
      request,
      requestId: entry.id,
      operation,
      params,
      body,
      query: request.query,
      scope: request.headers['x-mock-test-id'] ?? null,
      apiKey: bearerKey(request.headers),
      options,
      entry,
      seed: resolved.seed,
    });
    checkApiKey(ctx);
    checkContentType(ctx);
    validateRequest(ctx);
    checkUnknownParameters(ctx);
    checkModel(ctx);
    return checkResponse(ctx, await runChain(ctx, middleware, simulate));
  }

  async function handle(request: MockRequest, handleOptions: HandleOptions = {}): Promise<MockResponse> {
    const started = performance.now();
    const requestId = `req_${randomUUID().replaceAll('-', '')}`;
    if (request.path.startsWith(ADMIN_PREFIX)) {
      const response = await admin
        .handle({
          method: request.method,
          path: request.path.slice(ADMIN_PREFIX.length),
          query: request.query,
          headers: request.headers,
          body: await parseBody(request, resolved.limits).catch(() => undefined),
        })
        .catch(errorToResponse);
      return withStandardHeaders(response, requestId, started);
    }
    const entry: JournalEntry = {
      id: requestId,
      time: clock.now(),
      method: request.method,
      path: request.path,
      query: request.query,
      operationId: null,
      scope: request.headers['x-mock-test-id'] ?? null,
      model: null,
      stream: false,
      status: 0,
      durationMs: 0,
      validation: [],
      fault: null,
      source: null,
      findings: [],
    };
    let response = await handleApi(request, entry, handleOptions).catch(errorToResponse);
    entry.status = response.connection === 'reset' ? 0 : response.status;
    entry.durationMs = Math.round((performance.now() - started) * 100) / 100;
    if (responseObservers.length) response = observe(request, response, entry, handleOptions);
    journal.add(entry);
    return withStandardHeaders(response, requestId, started);
  }

  function observe(
    request: MockRequest,
    answer: MockResponse,
    entry: JournalEntry,
    handleOptions: HandleOptions,
  ): MockResponse {
    let response = answer;
    const apiKey = bearerKey(request.headers);
    for (const fn of responseObservers)
      response =
        fn({
          request,
          response,
          entry,
          apiKey,
          get signal() {
            return handleOptions.signal;
          },
        }) ?? response;
    return response;
  }

  const engine: Omit<Engine, keyof FeatureApis> = {
    options: resolved,
    contract,
    models,
    stores,
    clock,
    ids,
    journal,
    admin,
    timestamp: () => resolved.freezeTime ?? Math.floor(clock.now() / 1000),
    handle,
    use(slot, mw) {
      const list = slots.get(slot);
      if (!list)
        throw new TypeError(
          `openai-mock: unknown middleware slot '${slot}'; use one of ${MIDDLEWARE_SLOTS.join(', ')}`,
        );
      list.push(mw);
      middleware = MIDDLEWARE_SLOTS.flatMap((s) => slots.get(s)!);
    },
    onReset: (fn) => void resetHooks.push(fn),
    onClose: (fn) => void closeHooks.push(fn),
    onResponse: (fn) => void responseObservers.push(fn),
    async reset() {
      await stores.clear();
      journal.clear();
      ids.reset();
      for (const fn of resetHooks) await fn();
    },
    async close() {
      if (closed) return;
      closed = true;
      for (const fn of closeHooks) await fn();
    },
    [Symbol.asyncDispose]: () => engine.close(),
  };
  installAdminRoutes(engine);
  return Object.assign(engine, installFeatures(engine, resolved.features));
}

function bearerKey(headers: Record<string, string>): string | null {
  const auth = headers['authorization'];
  if (auth?.toLowerCase().startsWith('bearer ')) return auth.slice(7).trim() || null;
  return headers['api-key'] ?? null;
}

/** Headers the real API sends on every response. */
function withStandardHeaders(response: MockResponse, requestId: string, started: number): MockResponse {
  response.headers['x-request-id'] = requestId;
  response.headers['openai-version'] ??= '2020-10-01';
  response.headers['openai-processing-ms'] ??= String(Math.max(1, Math.round(performance.now() - started)));
  return response;
}
