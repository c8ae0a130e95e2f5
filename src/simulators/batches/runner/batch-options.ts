/** `features.batches`: how fast simulated batches move through their states. */
export interface BatchOptions {
  /**
   * Pace: `1` runs a batch of a few lines in about a second (validating 200 ms, 100 ms a line, finalizing
   * 200 ms), `10` ten times faster, `'instant'` without any waiting. On a virtual clock these are virtual
   * milliseconds, so a test moves through the states by advancing the clock. @default 1
   */
  speed?: number | 'instant';
  /** Time in `validating` at speed 1. @default 200 */
  validatingMs?: number;
  /** Time per input line at speed 1. @default 100 */
  lineMs?: number;
  /** Time in `finalizing` (and `cancelling`) at speed 1. @default 200 */
  finalizingMs?: number;
  /** Most requests one input file may hold, as the real API's 50,000. @default 50000 */
  maxRequests?: number;
}

export interface BatchTiming {
  validatingMs: number;
  lineMs: number;
  finalizingMs: number;
  maxRequests: number;
}

/** Options may come from a config file: checked at run time too. */
export function resolveBatchOptions(raw: unknown): BatchTiming {
  if (raw === undefined) raw = {};
  if (typeof raw !== 'object' || raw === null || Array.isArray(raw))
    throw new TypeError(`openai-mock: features.batches must be an object, e.g. { speed: 'instant' }`);
  const o = raw as BatchOptions;
  const speed = o.speed ?? 1;
  if (speed !== 'instant' && (typeof speed !== 'number' || !(speed > 0)))
    throw new TypeError(
      `openai-mock: features.batches.speed must be 'instant' or a number > 0, got ${JSON.stringify(speed)}`,
    );
  const scale = (name: keyof BatchOptions, fallback: number) => {
    const v = o[name] ?? fallback;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < 0)
      throw new TypeError(
        `openai-mock: features.batches.${name} must be a number of ms >= 0, got ${JSON.stringify(v)}`,
      );
    return speed === 'instant' ? 0 : v / speed;
  };
  const maxRequests = o.maxRequests ?? 50_000;
  if (!Number.isInteger(maxRequests) || maxRequests < 1)
    throw new TypeError(
      `openai-mock: features.batches.maxRequests must be a positive integer, got ${JSON.stringify(maxRequests)}`,
    );
  return {
    validatingMs: scale('validatingMs', 200),
    lineMs: scale('lineMs', 100),
    finalizingMs: scale('finalizingMs', 200),
    maxRequests,
  };
}
