import type { BackgroundWork } from '../../../engine/clock-admin.js';
import type { EngineCore } from '../../../engine/context.js';
import { OpenAIHttpError } from '../../../engine/errors.js';
import { fileData, findFile } from '../../files/file-store.js';
import type { BatchTiming } from './batch-options.js';
import { BatchResults } from './batch-results.js';
import {
  type BatchError,
  type BatchLine,
  type BatchObject,
  type BatchRecord,
  type BatchUsage,
  COMPLETION_WINDOW_MS,
} from './batch-types.js';
import { addUsage, emptyUsage } from './batch-usage.js';
import { expiredLine } from './execute-line.js';
import { batchModel, parseBatchInput } from './parse-input.js';
import { LineWindow } from './run-line.js';

export const batchStore = (engine: EngineCore) => engine.stores.store<BatchRecord>('batches');

const sec = (ms: number) => Math.floor(ms / 1000);
/** Without any waiting (speed 'instant'), let the server answer other requests every so many steps. */
const YIELD_EVERY = 64;
/** Without any waiting, write progress to the store every so many lines (reads of a live run use memory). */
const SAVE_EVERY = 100;
const STOP = new Error('openai-mock: the engine was reset or closed');

/** A copy deep enough that later changes to the live record never reach what was stored. */
export function copyRecord(r: BatchRecord): BatchRecord {
  const { usage, request_counts } = r.batch;
  const batch: BatchObject = { ...r.batch, request_counts: { ...request_counts } };
  if (usage)
    batch.usage = {
      ...usage,
      input_tokens_details: { ...usage.input_tokens_details },
      output_tokens_details: { ...usage.output_tokens_details },
    };
  return { ...r, batch };
}

/**
 * One batch moving through its lifecycle. Every step has a due time computed from the creation time
 * (validating → in_progress → one step per line → finalizing → completed), and the run sleeps on the
 * engine's clock until it. Steps are stamped with their due time, so a virtual clock advanced by an hour
 * replays the hour's steps exactly and the timestamps do not depend on how fast the machine is.
 */
export class BatchRun implements BackgroundWork {
  readonly id: string;
  readonly done: Promise<void>;
  readonly #engine: EngineCore;
  readonly #timing: BatchTiming;
  readonly #headers: Record<string, string>;
  readonly #record: BatchRecord;
  readonly #stop = new AbortController();
  #wake: AbortController | undefined;
  #sleepingUntil: number | undefined;
  #progress = 0;
  #cancelAt: number | undefined;
  #finished = false;
  #sinceYield = 0;

  constructor(engine: EngineCore, record: BatchRecord, timing: BatchTiming, headers: Record<string, string>) {
    this.id = record.batch.id;
    this.#engine = engine;
    this.#timing = timing;
    this.#headers = headers;
    this.#record = copyRecord(record);
    this.done = this.#run()
      .catch((error) => this.#crash(error))
      .finally(() => {
        this.#finished = true;
      });
  }

  busy = () => !this.#finished && this.#sleepingUntil === undefined;
  progress = () => this.#progress;
  /** The current state, fresher than the store while lines run without waiting. */
  snapshot = (): BatchRecord => copyRecord(this.#record);

  /** Stops for good (reset, close): nothing is written afterwards. */
  stop(): void {
    this.#stop.abort(STOP);
  }

  /** `validating` / `in_progress` → `cancelling`; the run stops before its next line. */
  async cancel(): Promise<void> {
    const b = this.#record.batch;
    if (b.status !== 'validating' && b.status !== 'in_progress') return;
    this.#cancelAt = this.#engine.clock.now();
    b.status = 'cancelling';
    b.cancelling_at = sec(this.#cancelAt);
    await this.#save();
    this.#wake?.abort(STOP);
  }

  async #run(): Promise<void> {
    const b = this.#record.batch;
    const { validatingMs, finalizingMs } = this.#timing;
    const expiresMs = this.#record.createdMs + COMPLETION_WINDOW_MS;
    const results = new BatchResults();
    const t = this.#record.createdMs + validatingMs;
    await this.#sleepUntil(t);
    if (this.#stopped()) return;
    if (this.#cancelAt !== undefined)
      return this.#finish('cancelled', results, this.#cancelAt + finalizingMs);

    const lines = await this.#validate(t);
    if (!lines) return;
    b.status = 'in_progress';
    b.in_progress_at = sec(t);
    b.request_counts = { total: lines.length, completed: 0, failed: 0 };
    const model = batchModel(lines);
    if (model !== undefined) b.model = model;
    const usage = emptyUsage();
    b.usage = usage;
    await this.#save();
    const window = new LineWindow(this.#engine, expiresMs, this.#stop.signal);
    try {
      await this.#runLines(lines, t, expiresMs, window, results, usage);
    } finally {
      window.dispose();
    }
  }

  async #runLines(
    lines: BatchLine[],
    start: number,
    expiresMs: number,
    window: LineWindow,
    results: BatchResults,
    usage: BatchUsage,
  ) {
    const b = this.#record.batch;
    const { lineMs, finalizingMs } = this.#timing;
    let t = start;
    for (let i = 0; i < lines.length; i++) {
      const due = t + (i + 1) * lineMs;
      if (this.#cancelAt !== undefined) break;
      if (due > expiresMs) return this.#expire(lines.slice(i), results, expiresMs);
      await this.#sleepUntil(due);
      if (this.#stopped()) return;
      if (this.#cancelAt !== undefined) break;
      const result = await window.run(lines[i]!, { batchId: this.id, headers: this.#headers });
      this.#progress++;
      if (this.#stopped()) return;
      if (!result) return this.#expire(lines.slice(i), results, expiresMs);
      results.add(result.ok, result.output);
      b.request_counts[result.ok ? 'completed' : 'failed']++;
      if (result.ok) addUsage(usage, result.output.response?.body);
      if (lineMs > 0 || i % SAVE_EVERY === SAVE_EVERY - 1) await this.#save();
    }
    if (this.#cancelAt !== undefined)
      return this.#finish('cancelled', results, Math.max(this.#cancelAt, t) + finalizingMs);
    t += lines.length * lineMs;
    b.status = 'finalizing';
    b.finalizing_at = sec(t);
    await this.#save();
    await this.#finish('completed', results, t + finalizingMs);
  }

  /** Reads and checks the input file; on problems the batch fails with them as its `errors`. */
  async #validate(at: number): Promise<BatchLine[] | undefined> {
    const b = this.#record.batch;
    const file = await findFile(this.#engine, b.input_file_id);
    const data = file && (await fileData(this.#engine).get(file.id));
    const parsed = data
      ? parseBatchInput(new TextDecoder().decode(data), b.endpoint, this.#timing.maxRequests)
      : {
          lines: [],
          errors: [
            problem(
              'file_not_found',
              `The input file ${b.input_file_id} was deleted or expired before the batch was validated.`,
              'input_file_id',
            ),
          ],
        };
    if (!parsed.errors.length) return parsed.lines;
    await this.#fail(at, parsed.errors);
    return undefined;
  }

  async #expire(left: BatchLine[], results: BatchResults, at: number): Promise<void> {
    // Nothing shows before the window really closes: reads of a live run see its memory.
    await this.#sleepUntil(at);
    if (this.#stopped()) return;
    for (const line of left) results.add(false, expiredLine(this.#engine, this.id, line));
    this.#record.batch.request_counts.failed += left.length;
    await this.#finish('expired', results, at);
  }

  /** Waits until `at`, writes the output and error files (each only when it has lines), enters a final state. */
  async #finish(
    status: 'completed' | 'expired' | 'cancelled',
    results: BatchResults,
    at: number,
  ): Promise<void> {
    await this.#sleepUntil(at);
    if (this.#stopped()) return;
    const b = this.#record.batch;
    try {
      Object.assign(b, await results.write(this.#engine, this.id, this.#record.outputExpiresAfterSeconds));
    } catch (error) {
      if (!(error instanceof OpenAIHttpError)) throw error;
      return this.#fail(at, [problem('server_error', `The results could not be stored: ${error.message}`)]);
    }
    b.status = status;
    if (status === 'completed') b.completed_at = sec(at);
    else if (status === 'expired') b.expired_at = sec(at);
    else b.cancelled_at = sec(at);
    await this.#save();
  }

  async #fail(at: number, errors: BatchError[]): Promise<void> {
    const b = this.#record.batch;
    b.status = 'failed';
    b.failed_at = sec(at);
    b.errors = { object: 'list', data: errors };
    await this.#save();
  }

  /** Sleeps on the engine's clock until `due`; a cancel wakes it early. */
  async #sleepUntil(due: number): Promise<void> {
    const wait = due - this.#engine.clock.now();
    if (wait <= 0) {
      if (++this.#sinceYield >= YIELD_EVERY) {
        this.#sinceYield = 0;
        await new Promise((r) => setImmediate(r));
      }
      return;
    }
    this.#wake = new AbortController();
    this.#sleepingUntil = due;
    try {
      await this.#engine.clock.sleep(wait, AbortSignal.any([this.#stop.signal, this.#wake.signal]));
    } catch {
      // Woken by a cancel or stopped; the caller looks at which.
    } finally {
      this.#sleepingUntil = undefined;
      this.#wake = undefined;
    }
  }

  #stopped = () => this.#stop.signal.aborted;

  async #save(): Promise<void> {
    if (this.#stopped()) return;
    this.#progress++;
    await batchStore(this.#engine).set(this.id, copyRecord(this.#record));
  }

  /** A bug must not leave a batch `in_progress` for ever: it fails, naming the cause. */
  async #crash(error: unknown): Promise<void> {
    if (this.#stopped()) return;
    await this.#fail(this.#engine.clock.now(), [
      problem('server_error', `openai-mock failed while running the batch: ${String(error)}`),
    ]).catch(() => undefined);
  }
}

const problem = (code: string, message: string, param: string | null = null): BatchError => ({
  code,
  message,
  param,
  line: null,
});
