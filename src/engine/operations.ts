import type { Contract, Operation } from '../contract/index.js';
import type { EngineCore, RequestContext } from './context.js';
import { OpenAIHttpError } from './errors.js';
import type { OperationHandler, SimulatorSet } from './handler.js';
import { createRouter } from './router.js';
import type { MockResponse } from './types.js';

export interface RoutedOperation {
  operation: Operation;
  params: Record<string, string>;
  handler: OperationHandler | undefined;
}

/**
 * The operation table: routes a request to its operation and simulator, and runs the simulator (or the
 * generic responder). Simulators load with the first request that needs one, not with the engine.
 */
export class OperationTable {
  readonly #contract: Contract | undefined;
  readonly #simulators: SimulatorSet;
  readonly #missingResources: 'error' | 'generate';
  readonly #conformance: boolean;
  #route: ReturnType<typeof createRouter> | undefined;
  #byOperationId: ReadonlyMap<string, OperationHandler>;
  #loaded = false;

  constructor(engine: EngineCore, simulators: SimulatorSet) {
    this.#contract = engine.contract;
    this.#simulators = simulators;
    this.#missingResources = engine.options.missingResources;
    this.#conformance = engine.options.conformance;
    // Without a document the simulators' own routes are the routing table: built with them, on first use.
    this.#route = engine.contract ? createRouter(engine.contract, []) : undefined;
    this.#byOperationId = new Map(simulators.eager.map((h) => [h.operationId, h]));
  }

  async find(
    method: string,
    path: string,
    query: Record<string, string | string[]>,
  ): Promise<RoutedOperation> {
    if (!this.#route) await this.#loadAll();
    const { operation, params } = this.#route!(method, path, query);
    // Before the middleware: features consult what simulators declare (e.g. a conversation's history).
    if (!this.#loaded && !this.#byOperationId.has(operation.id)) await this.#loadAll();
    return { operation, params, handler: this.#byOperationId.get(operation.id) };
  }

  async simulate(ctx: RequestContext): Promise<MockResponse> {
    const handler = this.#byOperationId.get(ctx.operation.id);
    if (!handler) return this.#simulators.fallback(ctx);
    try {
      return await handler.handle(ctx);
    } catch (error) {
      if (!(error instanceof OpenAIHttpError) || !ctx.operation.success) throw error;
      // Stateless mode: SDK test suites call `retrieve('file-abc')` on ids they never created and expect an answer.
      if (this.#missingResources === 'generate' && error.status === 404) return this.#simulators.missing(ctx);
      // Conformance: the request passed the document's rules, so a simulator's real-API-only 4xx (ranges,
      // model limits, states) gives way to an answer built from the success schema.
      if (this.#conformance && error.status >= 400 && error.status < 500)
        return this.#simulators.missing(ctx);
      throw error;
    }
  }

  async #loadAll(): Promise<void> {
    const all = await this.#simulators.load();
    this.#route ??= createRouter(this.#contract, all);
    this.#byOperationId = new Map(all.map((h) => [h.operationId, h]));
    this.#loaded = true;
  }
}
