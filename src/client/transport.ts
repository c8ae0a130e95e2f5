// The attempt loop: limiter slot -> fetch with a per-attempt signal -> classify -> retry or settle.
// JSON bodies are read inside the attempt (under its timeout), so a body cut by a reset is retried like
// any other connection error; streams and raw downloads settle at their headers and are handed over.

import { describeNonJSON, errorFromResponse } from './error-from-response.js';
import {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  APIUserAbortError,
  OpenAIClientError,
} from './errors.js';
import type { AttemptReport, ClientHooks } from './hooks.js';
import type { RateLimiter } from './limiter.js';
import type { CallTrace } from './observability.js';
import type { Fetch } from './options.js';
import { type HttpMethod, isLazyBody, type LazyBody } from './request.js';
import { type AttemptOutcome, type BackoffOptions, retryDelay, shouldRetry } from './retry.js';
import { AttemptSignal, abortableSleep } from './timeout.js';
import { reportAttempt, usageReporter } from './transport-report.js';
import type { TokenUsage } from './usage.js';
import type { UsageMeter } from './usage-meter.js';

export interface TransportConfig {
  fetch: Fetch;
  backoff: BackoffOptions | undefined;
  hooks: ClientHooks | undefined;
  usageMeter: UsageMeter | undefined;
  limiter: RateLimiter | undefined;
}

export interface Call {
  method: HttpMethod;
  path: string;
  url: string;
  headers: Headers;
  body: BodyInit | LazyBody | undefined;
  model: string | undefined;
  estimatedTokens: number;
  signal: AbortSignal | undefined;
  timeout: number;
  maxRetries: number;
  expect: 'json' | 'stream' | 'raw';
  /** The call's span and log lines. */
  trace: CallTrace;
}

export interface Delivered {
  response: Response;
  /** The parsed body, for `expect: 'json'`. */
  data: unknown;
  /** For streams: the attempt's controller, still linked to the call's signal; `dispose` when done. */
  attempt: AttemptSignal;
  /** Reports usage found in a body or stream item to hooks, meter and limiter. */
  reportUsage: (value: unknown) => TokenUsage | undefined;
}

export async function send(config: TransportConfig, call: Call): Promise<Delivered> {
  for (let attempt = 1; ; attempt++) {
    const ticket = config.limiter
      ? await config.limiter.acquire(call.estimatedTokens, call.signal)
      : undefined;
    if (call.signal?.aborted) {
      ticket?.end();
      throw new APIUserAbortError();
    }
    const signal = new AttemptSignal(call.signal, call.timeout);
    const headers = new Headers(call.headers);
    // The header the official SDKs send, so server journals count attempts the same way for both.
    headers.set('x-stainless-retry-count', String(attempt - 1));
    call.trace.sending(attempt, headers);
    const started = performance.now();
    let latencyMs = 0;
    let response: Response | undefined;
    let error: APIError;
    let outcome: AttemptOutcome;
    let body: BodyInit | undefined;
    try {
      body = isLazyBody(call.body) ? await call.body.open(attempt) : call.body;
    } catch (cause) {
      signal.dispose();
      ticket?.end();
      throw new OpenAIClientError(`${describe(call)}: ${(cause as Error).message}`, { cause });
    }
    try {
      const init: RequestInit & { duplex?: 'half' } = {
        method: call.method.toUpperCase(),
        headers,
        signal: signal.signal,
      };
      if (body !== undefined) init.body = body;
      // A streamed body (a large upload) needs half duplex; fetch then sends it as it reads it.
      if (body instanceof ReadableStream) init.duplex = 'half';
      response = await config.fetch(call.url, init);
      latencyMs = performance.now() - started;
      config.limiter?.observe(response.headers, ticket);
      const requestId = response.headers.get('x-request-id');
      if (response.ok) {
        const reportUsage = usageReporter(config, call, requestId, ticket);
        if (call.expect !== 'json') {
          signal.clearTimer();
          reportAttempt(config, call, {
            attempt,
            response,
            latencyMs,
            outcome: 'success',
            streaming: call.expect === 'stream',
          });
          return { response, data: undefined, attempt: signal, reportUsage };
        }
        const data = parseJSONBody(response, await response.text());
        const usage = reportUsage(data);
        signal.dispose();
        reportAttempt(config, call, { attempt, response, latencyMs, outcome: 'success', usage });
        return { response, data, attempt: signal, reportUsage };
      }
      const text = await response.text().catch(() => '');
      error = errorFromResponse(response.status, response.headers, text);
      outcome = {
        kind: 'response',
        status: response.status,
        headers: response.headers,
        errorCode: error.code,
        errorType: error.type,
      };
    } catch (caught) {
      latencyMs ||= performance.now() - started;
      signal.dispose();
      // No answer (or one whose body failed): the attempt is no longer in flight for the limiter.
      ticket?.end();
      if (signal.userAborted) {
        reportAttempt(config, call, {
          attempt,
          response,
          latencyMs,
          outcome: 'aborted',
          error: new APIUserAbortError(),
        });
        throw new APIUserAbortError();
      }
      if (caught instanceof APIError) {
        // A 2xx body that is not JSON (a login page, a proxy's notice): retrying will not help.
        reportAttempt(config, call, { attempt, response, latencyMs, outcome: 'http-error', error: caught });
        throw caught;
      }
      const timedOut = signal.timedOut || looksLikeTimeout(caught);
      error = timedOut
        ? new APIConnectionTimeoutError(
            `Request timed out: ${describe(call)} took longer than ${call.timeout} ms`,
          )
        : new APIConnectionError(`Connection error: ${describe(call)}: ${reason(caught)}`, { cause: caught });
      outcome = { kind: timedOut ? 'timeout' : 'connection-error' };
    }
    signal.dispose();

    let willRetry = attempt <= call.maxRetries && shouldRetry(outcome);
    const oneShot = isLazyBody(call.body) ? call.body.oneShot : undefined;
    if (willRetry && oneShot) {
      willRetry = false;
      error.message += ` (not retried: ${oneShot})`;
    }
    const delay = willRetry
      ? retryDelay({ retryIndex: attempt - 1, headers: response?.headers, backoff: config.backoff }).ms
      : undefined;
    const kind = outcome.kind === 'response' ? 'http-error' : outcome.kind;
    reportAttempt(config, call, {
      attempt,
      response,
      latencyMs,
      outcome: kind as AttemptReport['outcome'],
      error,
      willRetry,
      retryDelayMs: delay,
    });
    if (delay === undefined) throw error;
    try {
      await abortableSleep(delay, call.signal);
    } catch {
      throw new APIUserAbortError();
    }
  }
}

function parseJSONBody(response: Response, text: string): unknown {
  if (text.trim() === '') return null;
  try {
    return JSON.parse(text);
  } catch {
    const what = describeNonJSON(response.status, response.headers, text).replace('error body', 'body');
    throw new APIError(
      response.status,
      undefined,
      `${response.status} expected a JSON body, got a ${what}`,
      response.headers,
    );
  }
}

function describe(call: Call): string {
  return `${call.method.toUpperCase()} ${call.url}`;
}

/** Connect timeouts from undici arrive as "fetch failed" with a ConnectTimeoutError cause. */
function looksLikeTimeout(error: unknown): boolean {
  const cause = (error as { cause?: unknown } | null)?.cause;
  return /timed? ?out/i.test(`${String(error)} ${cause === undefined ? '' : String(cause)}`);
}

function reason(error: unknown): string {
  const cause = (error as { cause?: unknown } | null)?.cause;
  const code = (cause as { code?: unknown } | undefined)?.code;
  const base = error instanceof Error ? error.message : String(error);
  if (typeof code === 'string') return `${base} (${code})`;
  return cause instanceof Error ? `${base}: ${cause.message}` : base;
}
