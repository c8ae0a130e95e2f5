import type { RequestContext } from '../../engine/context.js';
import { defineSetting } from '../../engine/setting.js';
import type { ScriptedReply } from '../../fixtures/scripted/index.js';

/**
 * How fast a reply is produced: time to the first token, then tokens per second. Unthrottled by default;
 * set for the whole server with `features.pacing` (`{ firstTokenMs, tokensPerSecond }`) or per reply by a
 * scripted rule. Waits go through the engine's clock, so tests on a virtual clock never really sleep.
 */
export interface Pacing {
  firstTokenMs: number;
  /** undefined: no wait between tokens. */
  tokensPerSecond: number | undefined;
}

/** `features.pacing`: the server-wide pace, shared by chat, legacy completions and Responses. */
export interface PacingOptions {
  /** @default 0 */
  firstTokenMs?: number;
  /** @default unthrottled */
  tokensPerSecond?: number;
}

export const serverPacing = defineSetting('pacing', (options: PacingOptions | undefined) => options ?? {});

export function pacingFor(ctx: RequestContext, reply: ScriptedReply | undefined): Pacing {
  const server = serverPacing.of(ctx.engine);
  const tps = reply?.pacing?.tokensPerSecond ?? server.tokensPerSecond;
  return {
    firstTokenMs: reply?.pacing?.firstTokenMs ?? server.firstTokenMs ?? 0,
    tokensPerSecond: typeof tps === 'number' && tps > 0 ? tps : undefined,
  };
}

/** Milliseconds between two tokens. */
export const tokenGapMs = (pacing: Pacing) => (pacing.tokensPerSecond ? 1000 / pacing.tokensPerSecond : 0);

/** A non-streamed reply arrives once the whole reply would have been generated. */
export function generationMs(pacing: Pacing, tokens: number): number {
  return pacing.firstTokenMs + tokenGapMs(pacing) * Math.max(0, tokens - 1);
}
