import { OpenAIHttpError } from '../../engine/errors.js';
import { formatDuration } from './duration.js';

const LEARN_MORE = 'Visit https://platform.openai.com/account/rate-limits to learn more.';

export type LimitKind = 'requests' | 'tokens';

const UNIT: Record<LimitKind, string> = {
  requests: 'requests per min (RPM)',
  tokens: 'tokens per min (TPM)',
};

export interface RateLimitHit {
  kind: LimitKind;
  model: string | null;
  organization: string;
  limit: number;
  used: number;
  requested: number;
  /** How long until the request would fit; Infinity when it never can (bigger than the limit). */
  waitMs: number;
  /** Extra headers (the `x-ratelimit-*` set) to send with the 429. */
  headers?: Record<string, string>;
}

/**
 * The real API's 429 for a per-minute limit, worded as it words it: "Rate limit reached for gpt-4o in
 * organization org-… on tokens per min (TPM): Limit 30000, Used 29683, Requested 1140. Please try again in
 * 1.646s. Visit …", with `retry-after` (whole seconds) and `retry-after-ms` matching the wait. A request larger
 * than the limit itself gets the "Request too large" variant, which waiting cannot fix.
 */
export function rateLimitError(hit: RateLimitHit): OpenAIHttpError {
  const where = `${hit.model ? `for ${hit.model} ` : ''}in organization ${hit.organization} on ${UNIT[hit.kind]}`;
  const headers: Record<string, string> = { ...hit.headers };
  let message: string;
  if (!Number.isFinite(hit.waitMs)) {
    message = `Request too large ${where}: Limit ${hit.limit}, Requested ${hit.requested}. The input or output tokens must be reduced in order to run successfully. ${LEARN_MORE}`;
    // No amount of waiting makes it fit; tell clients that honour the hint not to retry.
    headers['x-should-retry'] = 'false';
  } else {
    const wait = Math.max(1, Math.ceil(hit.waitMs));
    message = `Rate limit reached ${where}: Limit ${hit.limit}, Used ${hit.used}, Requested ${hit.requested}. Please try again in ${formatDuration(wait)}. ${LEARN_MORE}`;
    headers['retry-after'] = String(Math.ceil(wait / 1000));
    headers['retry-after-ms'] = String(wait);
  }
  return new OpenAIHttpError(429, message, { type: hit.kind, code: 'rate_limit_exceeded', headers });
}
