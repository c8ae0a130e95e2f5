/**
 * Time as the engine sees it. Everything that waits or stamps goes through a Clock, so tests can run
 * rate-limit windows, batches and background responses on virtual time instead of sleeping.
 */
export interface Clock {
  /** Milliseconds since the epoch. */
  now(): number;
  /** Resolves after `ms` of this clock's time; rejects with the signal's reason when aborted. */
  sleep(ms: number, signal?: AbortSignal): Promise<void>;
}

export interface VirtualClock extends Clock {
  /** Moves time forward and wakes every sleeper whose time has come. */
  advance(ms: number): Promise<void>;
  set(epochMs: number): Promise<void>;
}

export const realClock: Clock = {
  now: () => Date.now(),
  sleep(ms, signal) {
    return new Promise((resolve, reject) => {
      if (signal?.aborted) return reject(signal.reason);
      const timer = setTimeout(done, Math.max(0, ms));
      function done() {
        signal?.removeEventListener('abort', onAbort);
        resolve();
      }
      function onAbort() {
        clearTimeout(timer);
        reject(signal?.reason);
      }
      signal?.addEventListener('abort', onAbort, { once: true });
    });
  },
};

interface Sleeper {
  at: number;
  resolve: () => void;
}

/** A clock that moves only when told to. */
export function createVirtualClock(startMs = Date.UTC(2025, 0, 1)): VirtualClock {
  let now = startMs;
  let sleepers: Sleeper[] = [];

  async function wake() {
    const due = sleepers.filter((s) => s.at <= now).sort((a, b) => a.at - b.at);
    sleepers = sleepers.filter((s) => s.at > now);
    for (const s of due) s.resolve();
    // Let woken tasks run (and perhaps schedule new sleeps) before the caller goes on.
    await new Promise((r) => setImmediate(r));
  }

  return {
    now: () => now,
    sleep(ms, signal) {
      if (ms <= 0) return Promise.resolve();
      return new Promise((resolve, reject) => {
        if (signal?.aborted) return reject(signal.reason);
        const onAbort = () => {
          sleepers = sleepers.filter((s) => s !== sleeper);
          reject(signal?.reason);
        };
        // Remove the listener on wake-up too: waits on one long-lived signal must not pile listeners up.
        const sleeper: Sleeper = {
          at: now + ms,
          resolve: () => {
            signal?.removeEventListener('abort', onAbort);
            resolve();
          },
        };
        sleepers.push(sleeper);
        signal?.addEventListener('abort', onAbort, { once: true });
      });
    },
    async advance(ms) {
      now += Math.max(0, ms);
      await wake();
    },
    async set(epochMs) {
      now = epochMs;
      await wake();
    },
  };
}

export function isVirtualClock(clock: Clock): clock is VirtualClock {
  return typeof (clock as VirtualClock).advance === 'function';
}
