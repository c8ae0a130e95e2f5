import type { EngineCore } from '../../../engine/context.js';
import type { BatchLine } from './batch-types.js';
import { executeLine, type LineResult } from './execute-line.js';

/** Preallocated abort reasons: a DOMException per line would cost more than the line itself. */
const ABANDONED = new Error('openai-mock: the batch line was abandoned (window closed or engine stopped)');
const DONE = new Error('openai-mock: the batch finished');
const NOT_YET = Symbol('not yet');

interface InFlight {
  startedAt: number;
  abandon(): void;
}

/**
 * Runs a batch's lines, giving up on one that is still running when the 24h completion window closes (a
 * request that never answers, such as a `timeout` fault) or when the engine stops. One timer watches the
 * window for the whole batch, so a 10,000-line batch does not pay for a timer per line. A line that starts
 * only after the window closed (a virtual clock jumped past it, and the line was due before) gets one
 * more clock tick to answer.
 */
export class LineWindow {
  readonly #engine: EngineCore;
  readonly #expiresMs: number;
  readonly #stop: AbortSignal;
  readonly #watch = new AbortController();
  #lines = new AbortController();
  #current: InFlight | undefined;
  #closed = false;
  #watching = false;

  constructor(engine: EngineCore, expiresMs: number, stop: AbortSignal) {
    this.#engine = engine;
    this.#expiresMs = expiresMs;
    this.#stop = stop;
    stop.addEventListener('abort', () => this.#abandonCurrent(), { once: true });
  }

  /** The line's result, or undefined when it was abandoned. */
  async run(
    line: BatchLine,
    ctx: { batchId: string; headers: Record<string, string> },
  ): Promise<LineResult | undefined> {
    if (this.#stop.aborted) return undefined;
    this.#startWatching();
    const startedAt = this.#engine.clock.now();
    let abandon!: () => void;
    const abandoned = new Promise<undefined>((resolve) => (abandon = () => resolve(undefined)));
    this.#current = { startedAt, abandon };
    try {
      const run = executeLine(this.#engine, line, { ...ctx, signal: this.#lines.signal });
      const late = this.#closed || startedAt >= this.#expiresMs;
      const winner = await Promise.race(late ? [run, abandoned, this.#oneTick()] : [run, abandoned]);
      if (winner === undefined || winner === NOT_YET) {
        run.catch(() => undefined);
        return undefined;
      }
      return winner;
    } finally {
      this.#current = undefined;
    }
  }

  /** Stops watching (the batch left `in_progress`). */
  dispose(): void {
    this.#watch.abort(DONE);
  }

  #startWatching(): void {
    if (this.#watching) return;
    this.#watching = true;
    const signal = AbortSignal.any([this.#stop, this.#watch.signal]);
    this.#engine.clock.sleep(Math.max(0, this.#expiresMs - this.#engine.clock.now()), signal).then(
      () => {
        this.#closed = true;
        // Only a line that was already running when the window closed is cut off here.
        if (this.#current && this.#current.startedAt < this.#expiresMs) this.#abandonCurrent();
      },
      () => undefined,
    );
  }

  /** A line started after the window closed: one event-loop turn, then one clock tick, to answer. */
  async #oneTick(): Promise<typeof NOT_YET> {
    await new Promise((r) => setImmediate(r));
    if (!this.#current) return NOT_YET;
    await this.#engine.clock.sleep(1, this.#stop).catch(() => undefined);
    return NOT_YET;
  }

  #abandonCurrent(): void {
    const current = this.#current;
    if (!current) return;
    this.#lines.abort(ABANDONED);
    this.#lines = new AbortController();
    current.abandon();
  }
}
