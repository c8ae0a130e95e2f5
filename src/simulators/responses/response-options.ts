import { defineSetting } from '../../engine/setting.js';

/**
 * Server-wide options of the Responses simulator, given as `features.responses` (engine options or the
 * config file). Stream pacing is shared with chat: `features.pacing` (`{ firstTokenMs, tokensPerSecond }`).
 */
export interface ResponsesOptions {
  /** How long a background response stays `queued`. @default 50 */
  backgroundQueuedMs: number;
  /** How long a background response stays `in_progress` at least (its stream spreads over this time). @default 250 */
  backgroundRunMs: number;
}

/** The `responses` setting; a value that is not a number of ms >= 0 keeps the default. */
export const responsesOptions = defineSetting(
  'responses',
  (raw: Partial<ResponsesOptions> | undefined): ResponsesOptions => {
    const ms = (v: unknown, fallback: number) =>
      typeof v === 'number' && Number.isFinite(v) && v >= 0 ? v : fallback;
    return {
      backgroundQueuedMs: ms(raw?.backgroundQueuedMs, 50),
      backgroundRunMs: ms(raw?.backgroundRunMs, 250),
    };
  },
);
