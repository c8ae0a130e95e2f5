import { type Contract, modelsInDocument } from '../contract/index.js';
import { createIdFactory } from '../fixtures/core.js';
import { ADMIN_PREFIX, createAdminRouter } from './admin.js';
import { installAdminRoutes } from './admin-routes.js';
import { parseBody } from './body.js';
import { type Clock, realClock } from './clock.js';
import {
  type EngineCore,
  MIDDLEWARE_SLOTS,
  type Middleware,
  type MiddlewareSlot,
  type ResponseObserver,
} from './context.js';
import { type EngineFeature, type FeatureApisOf, type FeatureOptionsOf, installFeatures } from './feature.js';
import type { SimulatorSet } from './handler.js';
import { createJournal } from './journal.js';
import { createModelCatalog } from './models.js';
import { OperationTable } from './operations.js';
import { type CoreEngineOptions, resolveEngineOptions } from './options.js';
import { checkModel, runPipeline } from './pipeline.js';
import { createMemoryStore, createStoreRegistry } from './store.js';
import type { MockRequest } from './types.js';

/** An engine with the APIs its features add (`engine.faults`, `engine.cassettes`, …). */
export type EngineWith<Apis> = EngineCore &
  Apis & {
    /** Clears state, journal, faults and runtime fixtures. */
    reset(): Promise<void>;
    /** Stops timers and background work; safe to call twice. */
    close(): Promise<void>;
    [Symbol.asyncDispose](): Promise<void>;
  };

/** What the composition gives the core: which simulators answer, which features plug in. */
export interface EngineParts<Fs extends readonly EngineFeature[]> {
  simulators: SimulatorSet;
  features: Fs;
}

/**
 * The core: stores, clock, journal, admin router, operation table and the pipeline, with the features of
 * `parts` installed in order. Knows no simulator and no feature by name (`src/compose.ts` picks them).
 */
export function buildCoreEngine<const Fs extends readonly EngineFeature[]>(
  contract: Contract | undefined,
  options: CoreEngineOptions & { features?: FeatureOptionsOf<Fs> },
  parts: EngineParts<Fs>,
): EngineWith<FeatureApisOf<Fs>> {
  const resolved = resolveEngineOptions(options);
  const clock: Clock = options.clock ?? realClock;
  const stores = createStoreRegistry(
    options.storeFactory ?? (() => createMemoryStore(resolved.limits.storeEntries)),
  );
  const journal = createJournal(resolved.journalLimit);
  const admin = createAdminRouter();
  const ids = createIdFactory(resolved.limits.idEntries);
  const slots = new Map<MiddlewareSlot, Middleware[]>(MIDDLEWARE_SLOTS.map((s) => [s, []]));
  let middleware: Middleware[] = [];
  const resetHooks: Array<() => void | Promise<void>> = [];
  const closeHooks: Array<() => void | Promise<void>> = [];
  const responseObservers: ResponseObserver[] = [];
  let closed = false;

  const core: EngineWith<object> = {
    options: resolved,
    contract,
    models: createModelCatalog({
      document: contract ? () => modelsInDocument(contract.document) : undefined,
      extra: options.models,
    }),
    stores,
    clock,
    ids,
    journal,
    admin,
    timestamp: () => resolved.freezeTime ?? Math.floor(clock.now() / 1000),
    handle: (request, handleOptions = {}) => runPipeline(pipeline, request, handleOptions),
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
    [Symbol.asyncDispose]: () => core.close(),
  };
  const pipeline = {
    engine: core,
    operations: new OperationTable(core, parts.simulators),
    middleware: () => middleware,
    observers: responseObservers,
    admin: async (request: MockRequest) =>
      admin.handle({
        method: request.method,
        path: request.path.slice(ADMIN_PREFIX.length),
        query: request.query,
        headers: request.headers,
        body: await parseBody(request, resolved.limits).catch(() => undefined),
      }),
  };
  core.use('model', checkModel);
  installAdminRoutes(core);
  return Object.assign(core, installFeatures(core, parts.features, options.features ?? {}));
}
