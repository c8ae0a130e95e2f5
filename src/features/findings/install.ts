import { adminJson, adminNoContent } from '../../engine/admin.js';
import type { EngineCore, Exchange } from '../../engine/context.js';
import type { EngineFeature } from '../../engine/feature.js';
import type { MockResponse } from '../../engine/types.js';
import { readAnswer } from './answer.js';
import { idempotencyKey, requestIdentity } from './identity.js';
import { createJudge, duration, type Verdict } from './judge.js';
import { type FindingsOptions, resolveFindingsOptions } from './options.js';
import { watchStream } from './stream-watch.js';
import type { Finding } from './types.js';

/** What `engine.findings` offers. */
export interface FindingsApi {
  /** Findings so far, oldest first; with a scope, only that `x-mock-test-id`'s. */
  list(options?: { scope?: string | null | undefined }): Finding[];
  /** Forgets findings and what was seen of every client. */
  clear(): void;
}

/**
 * The server judges the client: it watches each client (API key + `x-mock-test-id`) across attempts and
 * records findings about its retry behaviour in the journal entry that showed them, at `GET /__mock/findings`
 * and in `engine.findings`. It observes answers rather than sitting in a middleware slot, so it sees every
 * request, the 400s and 401s of validation included. Time is the engine's clock.
 */
export function installFindings(engine: EngineCore, options: FindingsOptions | undefined): FindingsApi {
  const opts = resolveFindingsOptions(options);
  const judge = createJudge(opts);
  let findings: Finding[] = [];
  let sequence = 0;

  const record = (exchange: Exchange, verdict: Verdict): void => {
    const { request, entry, apiKey } = exchange;
    const finding: Finding = {
      id: `finding_${++sequence}`,
      ...verdict,
      time: engine.clock.now(),
      scope: entry.scope,
      apiKey: maskKey(apiKey),
      requestId: entry.id,
      method: request.method,
      path: request.path,
    };
    entry.findings.push(finding);
    findings.push(finding);
    // Trim in batches, as the journal does: slicing on every finding past the cap would copy them all.
    if (findings.length > opts.maxFindings + Math.ceil(opts.maxFindings / 4))
      findings = findings.slice(-opts.maxFindings);
  };

  if (opts.enabled)
    engine.onResponse((exchange): MockResponse | undefined => {
      const { request, response, entry } = exchange;
      // Lines of a batch are the server talking to itself.
      if (request.headers['x-mock-batch-id'] !== undefined) return undefined;
      const now = engine.clock.now();
      const verdicts = judge.judge({
        client: `${exchange.apiKey ?? ''}\u0000${entry.scope ?? ''}`,
        identity: requestIdentity(request),
        method: request.method,
        request: `${request.method} ${request.path}`,
        key: idempotencyKey(request),
        arrived: entry.time,
        answered: now,
        answer: readAnswer(response, now, entry.fault?.type),
      });
      for (const verdict of verdicts) record(exchange, verdict);
      if (response.body.kind !== 'sse') return undefined;
      const events = watchStream(response.body.events, {
        clock: engine.clock,
        idleMs: opts.streamIdleMs,
        signal: exchange.signal,
        onAbandoned: (sent, idleMs) =>
          record(exchange, {
            kind: 'stream_not_closed',
            message: `your client stopped reading the stream of ${request.method} ${request.path} after ${sent} events and kept the connection open for ${duration(idleMs)} without cancelling it; cancel a stream you stop reading (stream.controller.abort(), reader.cancel(), or break out of for await) so the connection is freed.`,
            details: { events: sent, idleMs },
          }),
      });
      return { ...response, body: { kind: 'sse', events } };
    });

  const api: FindingsApi = {
    list(o = {}) {
      const kept = findings.length > opts.maxFindings ? findings.slice(-opts.maxFindings) : findings;
      return o.scope === undefined ? [...kept] : kept.filter((f) => f.scope === o.scope);
    },
    clear() {
      findings = [];
      judge.clear();
    },
  };

  engine.admin.route('GET', 'findings', (req) => {
    const scope = typeof req.query['scope'] === 'string' ? req.query['scope'] : req.headers['x-mock-test-id'];
    return adminJson({ findings: api.list({ scope }) });
  });
  engine.admin.route('DELETE', 'findings', () => {
    api.clear();
    return adminNoContent();
  });
  engine.onReset(() => api.clear());
  return api;
}

/** Findings get printed in CI logs: never the whole key. */
function maskKey(key: string | null): string | null {
  if (key === null) return null;
  return key.length <= 8 ? '…' : `${key.slice(0, 3)}…${key.slice(-4)}`;
}

/** Findings as an engine feature: `features.findings`, `engine.findings`. */
export const findingsFeature: EngineFeature<'findings', FindingsOptions, FindingsApi> = {
  name: 'findings',
  install: installFindings,
};
