/** Options of the findings feature (`features.findings`); every field has a default. */
export interface FindingsOptions {
  /** Watch clients at all. @default true */
  enabled?: boolean;
  /** How much earlier than asked a retry may come before it is `early_retry` (ms clocks and timers round). @default 2 */
  earlyToleranceMs?: number;
  /** Gaps between retries shorter than this count as short for `no_backoff`. @default 1000 */
  shortGapMs?: number;
  /** Requests a client may still send after a rate-limit 429 (ones already on their way) before it is `rate_limit_ignored`. @default 2 */
  rateLimitTolerance?: number;
  /** How long a stream may wait for a client that stopped reading it before it is `stream_not_closed`. @default 10000 */
  streamIdleMs?: number;
  /** How long after a failed attempt a repeat of it still counts as its retry. @default 300000 */
  retryWindowMs?: number;
  /** Clients remembered; the one seen least recently is forgotten first. @default 1000 */
  maxClients?: number;
  /** Distinct requests remembered per client; the oldest is forgotten first. @default 200 */
  maxRequestsPerClient?: number;
  /** Findings kept; the oldest are dropped first. @default 1000 */
  maxFindings?: number;
}

export type ResolvedFindingsOptions = Required<FindingsOptions>;

export const FINDINGS_DEFAULTS: ResolvedFindingsOptions = {
  enabled: true,
  earlyToleranceMs: 2,
  shortGapMs: 1000,
  rateLimitTolerance: 2,
  streamIdleMs: 10_000,
  retryWindowMs: 300_000,
  maxClients: 1000,
  maxRequestsPerClient: 200,
  maxFindings: 1000,
};

export class FindingsOptionsError extends Error {
  override name = 'FindingsOptionsError';
  readonly code = 'OPENAI_MOCK_BAD_FINDINGS_OPTIONS';
}

export function resolveFindingsOptions(options: unknown): ResolvedFindingsOptions {
  if (options === undefined || options === null) return { ...FINDINGS_DEFAULTS };
  if (options === false) return { ...FINDINGS_DEFAULTS, enabled: false };
  if (typeof options !== 'object' || Array.isArray(options))
    throw new FindingsOptionsError(
      'features.findings must be an object like { "streamIdleMs": 5000 }, or false to turn findings off.',
    );
  const resolved: Record<string, unknown> = { ...FINDINGS_DEFAULTS };
  for (const [key, value] of Object.entries(options)) {
    if (!(key in FINDINGS_DEFAULTS))
      throw new FindingsOptionsError(
        `features.findings: unknown option '${key}'; use ${Object.keys(FINDINGS_DEFAULTS).join(', ')}.`,
      );
    if (value === undefined) continue;
    if (key === 'enabled') {
      if (typeof value !== 'boolean')
        throw new FindingsOptionsError('features.findings.enabled must be true or false.');
    } else if (typeof value !== 'number' || !Number.isFinite(value) || value < 0)
      throw new FindingsOptionsError(`features.findings.${key} must be a number ≥ 0, got ${String(value)}.`);
    resolved[key] = value;
  }
  return resolved as ResolvedFindingsOptions;
}
