// One AbortController per attempt, fed by two sources: the caller's `signal` and the attempt's timeout.
// We keep our own flags instead of `AbortSignal.any` because the error we throw depends on which source
// fired (a user abort is final, a timeout is retried), and `fetch` rejects with the same AbortError for both.

// setTimeout overflows above 2^31-1 ms and would fire at once; longer timeouts mean "no timeout" in practice.
const MAX_TIMER_MS = 2_147_483_647;

export class AttemptSignal {
  readonly controller = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #userSignal: AbortSignal | undefined;
  #timedOut = false;
  #onUserAbort = (): void => this.controller.abort(this.#userSignal?.reason);

  constructor(userSignal: AbortSignal | undefined, timeoutMs: number) {
    this.#userSignal = userSignal;
    if (userSignal?.aborted) this.controller.abort(userSignal.reason);
    else userSignal?.addEventListener('abort', this.#onUserAbort, { once: true });
    if (Number.isFinite(timeoutMs) && timeoutMs < MAX_TIMER_MS) {
      this.#timer = setTimeout(() => {
        this.#timedOut = true;
        this.controller.abort(new DOMException('The attempt timed out', 'TimeoutError'));
      }, timeoutMs);
    }
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /** True when the caller's signal fired (checked first: a user abort is never retried). */
  get userAborted(): boolean {
    return this.#userSignal?.aborted === true;
  }

  get timedOut(): boolean {
    return this.#timedOut && !this.userAborted;
  }

  /** Stops the timeout but keeps the caller's signal linked (a stream outlives its timeout). */
  clearTimer(): void {
    if (this.#timer !== undefined) clearTimeout(this.#timer);
    this.#timer = undefined;
  }

  /** Releases the timer and the listener on the caller's signal. Safe to call twice. */
  dispose(): void {
    this.clearTimer();
    this.#userSignal?.removeEventListener('abort', this.#onUserAbort);
  }
}

/** Waits `ms`, rejecting early with the signal's reason if it aborts. */
export function abortableSleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) return reject(signal.reason);
    const onAbort = (): void => {
      clearTimeout(timer);
      reject(signal?.reason);
    };
    const timer = setTimeout(
      () => {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      },
      Math.max(0, Math.min(ms, MAX_TIMER_MS)),
    );
    signal?.addEventListener('abort', onAbort, { once: true });
  });
}

/** One signal that aborts when any of these does (undefined ones are skipped). */
export function joinSignals(...signals: Array<AbortSignal | undefined>): AbortSignal | undefined {
  const present = signals.filter((signal): signal is AbortSignal => signal !== undefined);
  if (present.length <= 1) return present[0];
  return AbortSignal.any(present);
}
