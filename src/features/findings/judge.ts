import type { Answer } from './answer.js';
import type { ResolvedFindingsOptions } from './options.js';
import type { FindingKind } from './types.js';

/** One request as the judge sees it, once answered; times are the engine clock's. */
export interface Attempt {
  /** API key and test id: whose history this goes into. */
  client: string;
  /** Method, path, query and body hash (see identity.ts). */
  identity: string;
  method: string;
  /** `POST /v1/chat/completions`, for messages. */
  request: string;
  key: string | null;
  arrived: number;
  answered: number;
  answer: Answer;
}

export interface Verdict {
  kind: FindingKind;
  message: string;
  details: Record<string, unknown>;
}

/** The attempts of one request so far; a success ends it (the next identical request is a new one). */
interface Chain {
  attempts: Attempt[];
  reported: Set<FindingKind>;
}

/** After a rate-limit 429: the client should send nothing until `until`. */
interface Pause {
  since: number;
  until: number;
  waitMs: number;
  label: string;
  sent: number;
  reported: boolean;
}

interface ClientHistory {
  chains: Map<string, Chain>;
  /** It sent an idempotency key at least once: then every retry of a POST should carry one. */
  sendsKeys: boolean;
  pause: Pause | null;
}

/** `no_backoff` needs this many retries to see a pattern. */
const NO_BACKOFF_RETRIES = 3;
/** Attempts kept per request: enough for the `no_backoff` window. */
const KEPT_ATTEMPTS = NO_BACKOFF_RETRIES + 1;

/**
 * Judges each client's retry behaviour from its requests, across attempts. Memory is bounded: clients and
 * each client's requests are kept in least-recently-used order and the oldest forgotten past the caps.
 */
export function createJudge(options: ResolvedFindingsOptions) {
  const clients = new Map<string, ClientHistory>();

  function historyOf(client: string): ClientHistory {
    let history = clients.get(client);
    if (history) clients.delete(client);
    else history = { chains: new Map(), sendsKeys: false, pause: null };
    clients.set(client, history);
    if (clients.size > options.maxClients) clients.delete(clients.keys().next().value!);
    return history;
  }

  function judge(attempt: Attempt): Verdict[] {
    const history = historyOf(attempt.client);
    const verdicts: Verdict[] = [];
    if (attempt.key !== null) history.sendsKeys = true;
    const chain = history.chains.get(attempt.identity);
    const previous = chain?.attempts.at(-1);
    const retried =
      previous?.answer.failed &&
      previous.answered <= attempt.arrived &&
      attempt.arrived - previous.answered <= options.retryWindowMs
        ? previous
        : undefined;

    const pauseVerdict = checkPause(history, attempt, retried);
    if (pauseVerdict) verdicts.push(pauseVerdict);

    if (chain && retried) {
      verdicts.push(...judgeRetry(chain, retried, attempt, history.sendsKeys));
      chain.attempts.push(attempt);
      if (chain.attempts.length > KEPT_ATTEMPTS) chain.attempts.shift();
      const noBackoff = once(chain, judgeBackoff(chain.attempts));
      if (noBackoff) verdicts.push(noBackoff);
      history.chains.delete(attempt.identity);
      history.chains.set(attempt.identity, chain);
    } else {
      history.chains.delete(attempt.identity);
      history.chains.set(attempt.identity, { attempts: [attempt], reported: new Set() });
      if (history.chains.size > options.maxRequestsPerClient)
        history.chains.delete(history.chains.keys().next().value!);
    }
    notePause(history, attempt);
    return verdicts;
  }

  function judgeRetry(chain: Chain, previous: Attempt, attempt: Attempt, sendsKeys: boolean): Verdict[] {
    const verdicts: Verdict[] = [];
    const gapMs = attempt.arrived - previous.answered;
    const { answer } = previous;
    if (answer.final !== null) {
      const v = once(chain, {
        kind: 'retried_non_retryable',
        message: `your client retried ${attempt.request} after ${answer.label}${answer.code ? ` (${answer.code})` : ''}, which the API marks as final (${answer.final}); retrying cannot help: fix the request, the key or the quota instead, and do not retry 400, 401, 403, 404, 422, insufficient_quota or x-should-retry: false.`,
        details: { status: answer.status, reason: answer.final, gapMs },
      });
      if (v) verdicts.push(v);
    } else if (answer.asked && gapMs + options.earlyToleranceMs < answer.asked.ms) {
      verdicts.push({
        kind: 'early_retry',
        message: `your client retried ${duration(gapMs)} after ${answer.label} that asked for ${duration(answer.asked.ms)} (${answer.asked.header}); wait at least the delay retry-after-ms / retry-after asks for before retrying ${attempt.request}.`,
        details: { gapMs, askedMs: answer.asked.ms, status: answer.status },
      });
    }
    if (attempt.method === 'POST') {
      const keys = chain.attempts.map((a) => a.key).concat(attempt.key);
      const sent = keys.filter((k): k is string => k !== null);
      if (new Set(sent).size > 1) {
        const v = once(chain, {
          kind: 'idempotency_key_changed',
          message: `your client sent a different Idempotency-Key on a retry of ${attempt.request} (${[...new Set(sent)].map((k) => `'${k}'`).join(', then ')}); send the same key on every attempt of one request, so the server can tell a retry from a new request.`,
          details: { keys: [...new Set(sent)] },
        });
        if (v) verdicts.push(v);
      } else if (sendsKeys && sent.length < keys.length) {
        const v = once(chain, {
          kind: 'idempotency_key_missing',
          message: `your client retried ${attempt.request} with an attempt that had no Idempotency-Key, though it sends one on other requests; send the same key on every attempt of one request.`,
          details: { attempts: keys.length, withKey: sent.length },
        });
        if (v) verdicts.push(v);
      }
    }
    return verdicts;
  }

  /** Three or more retries after failures that asked no delay, at short gaps that neither grow nor vary. */
  function judgeBackoff(attempts: Attempt[]): Verdict | null {
    if (attempts.length < NO_BACKOFF_RETRIES + 1) return null;
    const gaps: number[] = [];
    for (let i = 1; i < attempts.length; i++) {
      const failed = attempts[i - 1]!.answer;
      // Waiting what the server asked is right even at constant gaps; retrying a final answer is its own finding.
      if (failed.asked || failed.final !== null) return null;
      gaps.push(attempts[i]!.arrived - attempts[i - 1]!.answered);
    }
    const max = Math.max(...gaps);
    const min = Math.min(...gaps);
    const mean = gaps.reduce((a, b) => a + b, 0) / gaps.length;
    if (max >= options.shortGapMs || max - min > Math.max(10, mean * 0.1)) return null;
    const last = attempts.at(-1)!;
    return {
      kind: 'no_backoff',
      message: `your client retried ${last.request} ${gaps.length} times at near-constant gaps (${gaps.map(duration).join(', ')}) after failures that asked for no delay; back off exponentially (e.g. 0.5 s, 1 s, 2 s, … up to 8 s) with random jitter.`,
      details: { gapsMs: gaps, statuses: attempts.slice(0, -1).map((a) => a.answer.status) },
    };
  }

  /** A request sent while the client should be waiting out a rate limit, unless it is a retry that waited as asked. */
  function checkPause(
    history: ClientHistory,
    attempt: Attempt,
    retried: Attempt | undefined,
  ): Verdict | null {
    const pause = history.pause;
    if (!pause || attempt.arrived < pause.since || attempt.arrived >= pause.until) return null;
    const asked = retried?.answer.asked;
    if (asked && attempt.arrived - retried.answered + options.earlyToleranceMs >= asked.ms) return null;
    pause.sent++;
    if (pause.reported || pause.sent <= options.rateLimitTolerance) return null;
    pause.reported = true;
    const within = attempt.arrived - pause.since;
    return {
      kind: 'rate_limit_ignored',
      message: `your client sent ${pause.sent} requests in the ${duration(within)} after ${pause.label} asked it to wait ${duration(pause.waitMs)}; stop sending (every request, not only the one that failed) until the rate limit resets.`,
      details: { sent: pause.sent, withinMs: within, waitMs: pause.waitMs },
    };
  }

  function notePause(history: ClientHistory, attempt: Attempt): void {
    const waitMs = attempt.answer.rateLimitWaitMs;
    if (waitMs === null || waitMs <= 0) return;
    const until = attempt.answered + waitMs;
    const pause = history.pause;
    if (pause && attempt.answered <= pause.until) {
      pause.until = Math.max(pause.until, until);
      return;
    }
    history.pause = {
      since: attempt.answered,
      until,
      waitMs,
      label: attempt.answer.label,
      sent: 0,
      reported: false,
    };
  }

  return {
    judge,
    clear: () => clients.clear(),
    /** How many clients are remembered (for the memory-bound test). */
    get clients() {
      return clients.size;
    },
    requestsOf: (client: string) => clients.get(client)?.chains.size ?? 0,
  };
}

/** Reports a kind once per request: a client that retries a 401 forever is one finding, not thousands. */
function once(chain: Chain, verdict: Verdict | null): Verdict | null {
  if (!verdict || chain.reported.has(verdict.kind)) return null;
  chain.reported.add(verdict.kind);
  return verdict;
}

/** `3 ms`, `1.5 s`. */
export function duration(ms: number): string {
  if (ms < 1000) return `${Math.round(ms)} ms`;
  return `${Number((ms / 1000).toFixed(ms < 10_000 ? 2 : 1))} s`;
}
