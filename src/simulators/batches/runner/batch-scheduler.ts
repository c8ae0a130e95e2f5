import { isVirtualClock } from '../../../engine/clock.js';
import { advanceClock, installClockAdmin, settle, trackBackground } from '../../../engine/clock-admin.js';
import type { EngineCore } from '../../../engine/context.js';
import type { EngineFeature } from '../../../engine/feature.js';
import { FILE_DATA_STORE, FILE_STORE } from '../../files/file-store.js';
import { type BatchOptions, type BatchTiming, resolveBatchOptions } from './batch-options.js';
import { BatchRun, batchStore } from './batch-run.js';
import type { BatchObject, BatchRecord } from './batch-types.js';

/** The programmatic API on the engine: `engine.batches`. */
export interface BatchesApi {
  /** Moves a virtual clock forward by `ms` and waits until running batches have caught up. 409 on a real clock. */
  advance(ms: number): Promise<void>;
  /** Waits until every running batch sleeps on the clock or has finished. */
  settle(): Promise<void>;
  /** Resolves with the batch once it reaches a final state (completed, failed, expired, cancelled). */
  whenDone(id: string): Promise<BatchObject | undefined>;
  /** The pace in effect, in clock ms. */
  readonly timing: Readonly<BatchTiming>;
}

/** Owns the running batches of one engine: starts them, cancels them, stops them on reset and close. */
export class BatchScheduler {
  readonly timing: BatchTiming;
  readonly #engine: EngineCore;
  readonly #runs = new Map<string, BatchRun>();

  constructor(engine: EngineCore, options: BatchOptions | undefined) {
    this.#engine = engine;
    this.timing = resolveBatchOptions(options);
    installClockAdmin(engine);
    engine.onClose(() => this.#stopAll());
    engine.onReset(async () => {
      await this.#stopAll();
      // A run may have written between the stores' clear and this hook; clear what runs write again.
      for (const name of ['batches', FILE_STORE, FILE_DATA_STORE]) await engine.stores.store(name).clear();
    });
  }

  start(record: BatchRecord, headers: Record<string, string>): void {
    const run = new BatchRun(this.#engine, record, this.timing, headers);
    this.#runs.set(run.id, run);
    const untrack = trackBackground(this.#engine, run);
    void run.done.then(() => {
      untrack();
      if (this.#runs.get(run.id) === run) this.#runs.delete(run.id);
    });
  }

  run(id: string): BatchRun | undefined {
    return this.#runs.get(id);
  }

  /**
   * The stored batch, after its run has caught up with the clock. On a virtual clock a read always shows
   * every step due by now; on the real clock it shows how far the run has got.
   */
  async read(id: string): Promise<BatchRecord | undefined> {
    const run = this.#runs.get(id);
    if (!run) return batchStore(this.#engine).get(id);
    if (isVirtualClock(this.#engine.clock)) await settle(this.#engine, {}, run);
    return run.snapshot();
  }

  /** Every stored batch, running ones as they are now (caught up with a virtual clock first). */
  async list(): Promise<BatchRecord[]> {
    if (this.#runs.size && isVirtualClock(this.#engine.clock)) await settle(this.#engine);
    return (await batchStore(this.#engine).list()).map((r) => this.#runs.get(r.batch.id)?.snapshot() ?? r);
  }

  async whenDone(id: string): Promise<BatchObject | undefined> {
    await this.#runs.get(id)?.done;
    return (await batchStore(this.#engine).get(id))?.batch;
  }

  async #stopAll(): Promise<void> {
    const runs = [...this.#runs.values()];
    for (const run of runs) run.stop();
    await Promise.all(runs.map((r) => r.done));
    this.#runs.clear();
  }
}

const schedulers = new WeakMap<EngineCore, BatchScheduler>();

/** The engine's scheduler: the one `installBatches` made, else one with the default pace (made on first use). */
export function batchScheduler(engine: EngineCore, options?: BatchOptions): BatchScheduler {
  let scheduler = schedulers.get(engine);
  if (!scheduler) {
    scheduler = new BatchScheduler(engine, options);
    schedulers.set(engine, scheduler);
  }
  return scheduler;
}

/** The `batches` feature: checks its options at start-up, adds the clock admin routes, returns `engine.batches`. */
export function installBatches(engine: EngineCore, options: BatchOptions | undefined): BatchesApi {
  const scheduler = batchScheduler(engine, options);
  return {
    advance: (ms) => advanceClock(engine, ms),
    settle: () => settle(engine),
    whenDone: (id) => scheduler.whenDone(id),
    timing: scheduler.timing,
  };
}

/** Batches as an engine feature: `features.batches` (the pace), `engine.batches`. */
export const batchesFeature: EngineFeature<'batches', BatchOptions, BatchesApi> = {
  name: 'batches',
  install: installBatches,
};
