import type { RequestContext } from '../../engine/context.js';
import type { MockResponse } from '../../engine/types.js';
import { httpFaultResponse } from './http-faults.js';
import type { FaultDecision } from './rule-set.js';
import { cutStream, malformStream, slowStream } from './stream-faults.js';

/** The door destroys the socket without answering. */
export const connectionReset = (): MockResponse => ({
  status: 0,
  headers: {},
  body: { kind: 'none' },
  connection: 'reset',
});

/** Sleeps on the engine's clock; false when the client went away meanwhile. */
async function pause(ctx: RequestContext, ms: number): Promise<boolean> {
  if (ms <= 0) return true;
  try {
    await ctx.engine.clock.sleep(ms, ctx.signal);
    return true;
  } catch {
    return false;
  }
}

/**
 * Carries out a fault: the delay first (with seeded jitter), then the failure itself. Stream faults let the
 * request run and wrap the events it produces; every fault is noted in the request's journal entry.
 */
export async function applyFault(
  ctx: RequestContext,
  decision: FaultDecision,
  next: () => Promise<MockResponse>,
  maxHangMs: number,
): Promise<MockResponse> {
  const { spec, ruleId, random } = decision;
  const note = (status?: number) => {
    ctx.fault = status === undefined ? { ruleId, type: spec.type } : { ruleId, type: spec.type, status };
  };
  const delay = spec.latencyMs + (spec.jitterMs > 0 ? random.fork('jitter').int(0, spec.jitterMs) : 0);
  if (!(await pause(ctx, delay))) {
    note();
    return connectionReset();
  }
  switch (spec.type) {
    case 'http':
      note(spec.status);
      return httpFaultResponse(ctx, spec);
    case 'reset':
      note();
      return connectionReset();
    case 'hang':
      note();
      // Bounded, so a forgotten hang cannot hold a connection (and a test run) forever.
      await pause(ctx, Math.min(spec.ms ?? maxHangMs, maxHangMs));
      return connectionReset();
    case 'latency':
      note();
      return next();
    default: {
      const response = await next();
      if (response.body.kind !== 'sse') return response;
      note();
      const events = response.body.events;
      const wrapped =
        spec.type === 'stream_cut'
          ? cutStream(events, spec.afterEvents)
          : spec.type === 'stream_malformed'
            ? malformStream(events, spec.afterEvents)
            : slowStream(
                events,
                { ttftMs: spec.ttftMs, intervalMs: spec.eventIntervalMs },
                ctx.engine.clock,
                ctx.signal,
              );
      return { ...response, body: { kind: 'sse', events: wrapped } };
    }
  }
}
