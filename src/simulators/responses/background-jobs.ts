/**
 * Background responses run as jobs on the engine's clock: queued, then in progress, then done, each step
 * a wait on the clock (virtual in tests). One runner per engine, made on first use; it stops every job when
 * the engine closes, and drops them on reset (their stored state is cleared with the stores).
 */
import { setMaxListeners } from 'node:events';
import type { EngineCore } from '../../engine/context.js';

interface Runner {
  jobs: Map<string, AbortController>;
  /** Aborted on close: ends streams that follow background jobs too. */
  closed: AbortController;
}

const runners = new WeakMap<EngineCore, Runner>();

function runnerFor(engine: EngineCore): Runner {
  let runner = runners.get(engine);
  if (runner) return runner;
  const made: Runner = { jobs: new Map(), closed: new AbortController() };
  // Every open stream that follows a background job listens to this one signal.
  setMaxListeners(0, made.closed.signal);
  const stopAll = () => {
    for (const job of made.jobs.values()) job.abort(new Error('openai-mock: background job stopped'));
    made.jobs.clear();
  };
  engine.onReset(stopAll);
  engine.onClose(() => {
    stopAll();
    made.closed.abort(new Error('openai-mock: engine closed'));
  });
  runners.set(engine, made);
  runner = made;
  return runner;
}

export interface JobSteps {
  /** Engine clock (ms) when work starts and when it ends. */
  startAt: number;
  endAt: number;
  onStart(): Promise<void>;
  onEnd(): Promise<void>;
}

export function startJob(engine: EngineCore, id: string, steps: JobSteps): void {
  const runner = runnerFor(engine);
  const controller = new AbortController();
  runner.jobs.set(id, controller);
  const until = (at: number) => engine.clock.sleep(Math.max(0, at - engine.clock.now()), controller.signal);
  void (async () => {
    try {
      await until(steps.startAt);
      await steps.onStart();
      await until(steps.endAt);
      if (!controller.signal.aborted) await steps.onEnd();
    } catch {
      // aborted: cancelled, reset or closed; the canceller has written the final state
    } finally {
      if (runner.jobs.get(id) === controller) runner.jobs.delete(id);
    }
  })();
}

/** Stops a running job; false when none runs under that id. */
export function stopJob(engine: EngineCore, id: string): boolean {
  const runner = runnerFor(engine);
  const job = runner.jobs.get(id);
  if (!job) return false;
  job.abort(new Error('openai-mock: background response cancelled'));
  runner.jobs.delete(id);
  return true;
}

/** A signal aborted when the engine closes, combined with the request's own. */
export function streamSignal(engine: EngineCore, request: AbortSignal | undefined): AbortSignal {
  const closed = runnerFor(engine).closed.signal;
  return request ? AbortSignal.any([request, closed]) : closed;
}
