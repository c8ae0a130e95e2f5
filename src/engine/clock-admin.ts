import { adminJson, adminObjectBody } from './admin.js';
import { isVirtualClock, type VirtualClock } from './clock.js';
import type { EngineCore } from './context.js';
import { OpenAIHttpError } from './errors.js';

/**
 * Reading and moving the engine's clock from outside (`GET /__mock/clock`, `POST /__mock/clock/advance`), and
 * the "settle" step that makes a move observable: after time jumps, background work (batch runners) catches
 * up with every step now due before the answer goes back, so a test never sleeps for real.
 */

/** Background work that `settle` waits for. */
export interface BackgroundWork {
  /** True while the work is doing something other than waiting for a later time on the clock. */
  busy(): boolean;
  /** A counter that grows with every step, so work stuck on something else can be told from work going on. */
  progress(): number;
}

const background = new WeakMap<EngineCore, Set<BackgroundWork>>();
const installed = new WeakSet<EngineCore>();

export function trackBackground(engine: EngineCore, work: BackgroundWork): () => void {
  let set = background.get(engine);
  if (!set) {
    set = new Set();
    background.set(engine, set);
  }
  set.add(work);
  return () => void set.delete(work);
}

export interface SettleOptions {
  /** Give up when nothing moved for this many event-loop turns and `stallMs`. @default 200 */
  stallTurns?: number;
  /** @default 20 */
  stallMs?: number;
  /** Never wait longer than this (real ms). @default 60000 */
  maxMs?: number;
}

/** Resolves once all tracked work waits on the clock, has finished, or is stuck on something else. */
export async function settle(
  engine: EngineCore,
  options: SettleOptions = {},
  only?: BackgroundWork,
): Promise<void> {
  const works = () => (only ? [only] : [...(background.get(engine) ?? [])]);
  const stallTurns = options.stallTurns ?? 200;
  const stallMs = options.stallMs ?? 20;
  const deadline = performance.now() + (options.maxMs ?? 60_000);
  const total = () => works().reduce((n, w) => n + w.progress(), 0);
  let last = total();
  let quietTurns = 0;
  let quietSince = performance.now();
  while (works().some((w) => w.busy())) {
    await new Promise((r) => setImmediate(r));
    const now = performance.now();
    const p = total();
    if (p !== last) {
      last = p;
      quietTurns = 0;
      quietSince = now;
    } else if (++quietTurns >= stallTurns && now - quietSince >= stallMs) return;
    if (now > deadline) return;
  }
}

export function virtualClockOf(engine: EngineCore): VirtualClock {
  if (!isVirtualClock(engine.clock))
    throw new OpenAIHttpError(
      409,
      'The engine runs on the real clock, so its time cannot be moved by hand. Start it with a virtual clock: `openai-mock serve --clock virtual`, or createEngine({ clock: createVirtualClock() }).',
      { code: 'clock_not_virtual' },
    );
  return engine.clock;
}

/** Moves a virtual clock forward and waits for background work to catch up. */
export async function advanceClock(engine: EngineCore, ms: number): Promise<void> {
  const clock = virtualClockOf(engine);
  if (!Number.isFinite(ms) || ms < 0)
    throw new TypeError(`openai-mock: clock advance takes a finite number of ms >= 0, got ${ms}`);
  await settle(engine);
  await clock.advance(ms);
  await settle(engine);
}

const clockState = (engine: EngineCore) => {
  const now = engine.clock.now();
  return { now, iso: new Date(now).toISOString(), virtual: isVirtualClock(engine.clock) };
};

/** Admin routes `clock`, `clock/advance` and `clock/set`; installing twice is harmless. */
export function installClockAdmin(engine: EngineCore): void {
  if (installed.has(engine)) return;
  installed.add(engine);
  engine.admin.route('GET', 'clock', () => adminJson(clockState(engine)));
  engine.admin.route('POST', 'clock/advance', async (req) => {
    virtualClockOf(engine);
    const ms = adminObjectBody(req, '{ "ms": 1000 }')['ms'];
    if (typeof ms !== 'number' || !Number.isFinite(ms) || ms < 0)
      throw new OpenAIHttpError(
        400,
        `POST /__mock/clock/advance: "ms" must be a number of milliseconds >= 0, got ${JSON.stringify(ms)}.`,
      );
    await advanceClock(engine, ms);
    return adminJson(clockState(engine));
  });
  engine.admin.route('POST', 'clock/set', async (req) => {
    const clock = virtualClockOf(engine);
    const raw = adminObjectBody(req, '{ "now": "2025-01-02T00:00:00Z" } or { "now": 1735776000000 }')['now'];
    const to = typeof raw === 'string' ? Date.parse(raw) : raw;
    if (typeof to !== 'number' || !Number.isFinite(to))
      throw new OpenAIHttpError(
        400,
        `POST /__mock/clock/set: "now" must be epoch milliseconds or an ISO date, got ${JSON.stringify(raw)}.`,
      );
    await settle(engine);
    await clock.set(to);
    await settle(engine);
    return adminJson(clockState(engine));
  });
}
