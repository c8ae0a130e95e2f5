// The pure half of the client-side limiter: given what started in the last window and what the server
// last said about its own budget, when may a request of `tokens` tokens start? No timers, no clock.

export interface WindowEntry {
  at: number;
  /** Estimated at start, replaced by the actual usage when the call reports it. */
  tokens: number;
  /**
   * Sent and not answered yet: the server may not have counted it, so the budget its next answer reports
   * may still include it. @default false
   */
  inFlight?: boolean;
}

/** The server's view of one budget, from `x-ratelimit-remaining-*` and `x-ratelimit-reset-*`. */
export interface ServerBudget {
  remaining: number;
  resetAt: number;
}

export interface WindowState {
  windowMs: number;
  requestsPerMinute: number | undefined;
  tokensPerMinute: number | undefined;
  /** Started requests, oldest first. */
  entries: WindowEntry[];
  serverRequests: ServerBudget | undefined;
  serverTokens: ServerBudget | undefined;
}

/** Drops entries that left the window. */
export function prune(state: WindowState, now: number): void {
  const horizon = now - state.windowMs;
  let drop = 0;
  while (drop < state.entries.length && (state.entries[drop] as WindowEntry).at <= horizon) drop++;
  if (drop > 0) state.entries.splice(0, drop);
}

/** The earliest time (>= now) at which a request of `tokens` tokens may start. */
export function earliestStart(state: WindowState, tokens: number, now: number): number {
  prune(state, now);
  const { entries, windowMs } = state;
  let at = now;

  const rpm = state.requestsPerMinute;
  if (rpm !== undefined && entries.length >= rpm) {
    // The request may start once enough of the oldest entries have left the window.
    const freeing = entries[entries.length - rpm] as WindowEntry;
    at = Math.max(at, freeing.at + windowMs);
  }

  const tpm = state.tokensPerMinute;
  if (tpm !== undefined && entries.length > 0) {
    let used = entries.reduce((sum, e) => sum + e.tokens, 0);
    // A request larger than the whole budget waits for an empty window rather than forever.
    const needed = Math.min(tokens, tpm);
    let i = 0;
    while (used + needed > tpm && i < entries.length) {
      const entry = entries[i] as WindowEntry;
      used -= entry.tokens;
      at = Math.max(at, entry.at + windowMs);
      i++;
    }
  }

  const requests = state.serverRequests;
  if (requests && requests.resetAt > now && requests.remaining <= 0) at = Math.max(at, requests.resetAt);
  const serverTokens = state.serverTokens;
  if (serverTokens && serverTokens.resetAt > now && tokens > serverTokens.remaining) {
    at = Math.max(at, serverTokens.resetAt);
  }
  return at;
}

/** Records a start and spends the server budgets locally until the next headers refresh them. */
export function recordStart(state: WindowState, tokens: number, now: number): WindowEntry {
  const entry = { at: now, tokens, inFlight: true };
  state.entries.push(entry);
  if (state.serverRequests) state.serverRequests.remaining -= 1;
  if (state.serverTokens) state.serverTokens.remaining -= tokens;
  return entry;
}

/**
 * The server's budget as this client should see it: what an answer's headers report, minus the requests
 * still in flight (and their tokens), which the server may not have counted when it answered. Counting
 * them when it already had only holds calls back until those answers bring fresh numbers.
 */
export function serverBudget(
  state: WindowState,
  kind: 'requests' | 'tokens',
  reported: number,
  resetAt: number,
): ServerBudget {
  let flying = 0;
  for (const entry of state.entries) if (entry.inFlight) flying += kind === 'requests' ? 1 : entry.tokens;
  return { remaining: reported - flying, resetAt };
}

/** Parses OpenAI's reset durations: `1s`, `6m0s`, `20ms`, `1h2m3.5s`. */
export function parseResetDuration(value: string | null): number | undefined {
  if (value === null) return undefined;
  const text = value.trim();
  if (/^\d+(\.\d+)?$/.test(text)) return Number.parseFloat(text) * 1000;
  const unit: Record<string, number> = { h: 3_600_000, m: 60_000, s: 1000, ms: 1 };
  let total = 0;
  let consumed = 0;
  for (const match of text.matchAll(/(\d+(?:\.\d+)?)(ms|h|m|s)/g)) {
    total += Number.parseFloat(match[1] as string) * (unit[match[2] as string] as number);
    consumed += match[0].length;
  }
  return consumed === text.length && consumed > 0 ? total : undefined;
}

/** A rough token estimate for a request body: a quarter of its JSON length plus the output cap. */
export function estimateRequestTokens(body: unknown): number {
  if (body === undefined || body === null || typeof body !== 'object') return 0;
  let json = '';
  try {
    json = JSON.stringify(body);
  } catch {
    return 0;
  }
  const record = body as Record<string, unknown>;
  const cap = [record['max_output_tokens'], record['max_completion_tokens'], record['max_tokens']].find(
    (v): v is number => typeof v === 'number',
  );
  return Math.ceil(json.length / 4) + (cap ?? 0);
}
