import type { MockResponse } from '../../engine/types.js';

/** What an answer tells a client about retrying, as the official SDKs read it. */
export interface Answer {
  /** `a 429`, `a dropped connection`, `a broken stream`: for messages. */
  label: string;
  /** The error's `code` (else `type`), e.g. `invalid_api_key`. */
  code: string | null;
  status: number;
  /** Not a success: a retry of it is a retry, not a new request. */
  failed: boolean;
  /** Why retrying cannot help (`a 401`, `insufficient_quota`, `x-should-retry: false`), or null. */
  final: string | null;
  /** The delay the server asked for with `retry-after-ms` or `retry-after`. */
  asked: { ms: number; header: string } | null;
  /** For a rate-limit 429: how long the client should send nothing at all (the asked delay, else the bucket's reset). */
  rateLimitWaitMs: number | null;
}

/** Statuses the API marks as final: the same request will fail the same way. */
const FINAL_STATUSES = new Set([400, 401, 403, 404, 422]);

/** Reads an answer; `now` (engine clock) resolves an HTTP-date `retry-after`; `faultType` spots cut streams. */
export function readAnswer(response: MockResponse, now: number, faultType: string | undefined): Answer {
  if (response.connection === 'reset') return noHints('a dropped connection', 0, true);
  const status = response.status;
  if (faultType === 'stream_cut' || faultType === 'stream_malformed')
    return noHints('a broken stream', status, true);
  if (status < 400) return noHints(`a ${status}`, status, false);
  const headers = response.headers;
  const code = errorCode(response);
  const label = `a ${status}`;
  const hint = headers['x-should-retry'];
  let final: string | null = null;
  if (hint === 'false') final = `x-should-retry: false`;
  else if (hint !== 'true') {
    if (code === 'insufficient_quota') final = 'insufficient_quota';
    else if (FINAL_STATUSES.has(status)) final = `a ${status}`;
  }
  const asked = askedDelay(headers, now);
  const limited = status === 429 && final === null && isRateLimit(headers, code);
  return {
    label,
    code,
    status,
    failed: true,
    final,
    asked,
    rateLimitWaitMs: limited ? (asked?.ms ?? exhaustedReset(headers)) : null,
  };
}

const noHints = (label: string, status: number, failed: boolean): Answer => ({
  label,
  code: null,
  status,
  failed,
  final: null,
  asked: null,
  rateLimitWaitMs: null,
});

function errorCode(response: MockResponse): string | null {
  if (response.body.kind !== 'json') return null;
  const error = (response.body.value as { error?: { code?: unknown; type?: unknown } } | null)?.error;
  const code = error?.code ?? error?.type;
  return typeof code === 'string' ? code : null;
}

/** `retry-after-ms` (OpenAI's own), else `retry-after` in seconds or as an HTTP date, as the SDKs read them. */
function askedDelay(headers: Record<string, string>, now: number): Answer['asked'] {
  const ms = headers['retry-after-ms'];
  if (ms !== undefined && /^\s*\d+(\.\d+)?\s*$/.test(ms))
    return { ms: Number(ms), header: `retry-after-ms: ${ms.trim()}` };
  const after = headers['retry-after'];
  if (after === undefined) return null;
  if (/^\s*\d+(\.\d+)?\s*$/.test(after))
    return { ms: Number(after) * 1000, header: `retry-after: ${after.trim()}` };
  const date = Date.parse(after);
  return Number.isNaN(date) ? null : { ms: Math.max(0, date - now), header: `retry-after: ${after.trim()}` };
}

function isRateLimit(headers: Record<string, string>, code: string | null): boolean {
  return (
    code === 'rate_limit_exceeded' ||
    headers['x-ratelimit-remaining-requests'] === '0' ||
    headers['x-ratelimit-remaining-tokens'] === '0'
  );
}

/** The reset of the bucket the server reported empty (`x-ratelimit-reset-requests: 120ms`). */
function exhaustedReset(headers: Record<string, string>): number | null {
  for (const kind of ['requests', 'tokens']) {
    if (headers[`x-ratelimit-remaining-${kind}`] !== '0') continue;
    const reset = parseGoDuration(headers[`x-ratelimit-reset-${kind}`]);
    if (reset !== null) return reset;
  }
  return null;
}

const UNIT_MS: Record<string, number> = {
  h: 3_600_000,
  m: 60_000,
  s: 1000,
  ms: 1,
  us: 0.001,
  µs: 0.001,
  ns: 1e-6,
};

/** `1.646s`, `120ms`, `6m0s`: the duration format of the `x-ratelimit-reset-*` headers, in ms. */
export function parseGoDuration(value: string | undefined): number | null {
  if (!value || !/^(\d+(\.\d+)?(h|ms|m|s|us|µs|ns))+$/.test(value.trim())) return null;
  let total = 0;
  for (const [, n, , unit] of value.trim().matchAll(/(\d+(\.\d+)?)(h|ms|m|s|us|µs|ns)/g))
    total += Number(n) * UNIT_MS[unit!]!;
  return total;
}
