// What the transport tells the outside world about a call: one report per attempt (hooks.onAttempt),
// and the call's token usage, once (hooks.onUsage, the usage meter, and the limiter's token window).

import { type AttemptReport, callHook } from './hooks.js';
import type { LimiterTicket } from './limiter.js';
import type { Call, TransportConfig } from './transport.js';
import { extractUsage, type TokenUsage } from './usage.js';

export function usageReporter(
  config: TransportConfig,
  call: Call,
  requestId: string | null,
  ticket: LimiterTicket | undefined,
) {
  let reported = false;
  return (value: unknown): TokenUsage | undefined => {
    const found = extractUsage(value);
    if (!found || reported) return found?.usage;
    reported = true;
    const record = { model: found.model, endpoint: call.path, usage: found.usage, requestId };
    ticket?.settle(found.usage.totalTokens);
    config.usageMeter?.record(record);
    call.trace.usage(record);
    callHook('onUsage', config.hooks?.onUsage, record);
    return found.usage;
  };
}

export interface ReportInput {
  attempt: number;
  response: Response | undefined;
  latencyMs: number;
  outcome: AttemptReport['outcome'];
  usage?: TokenUsage | undefined;
  error?: Error | undefined;
  willRetry?: boolean;
  retryDelayMs?: number | undefined;
  streaming?: boolean;
}

export function reportAttempt(config: TransportConfig, call: Call, input: ReportInput): void {
  const report: AttemptReport = {
    method: call.method.toUpperCase(),
    path: call.path,
    url: call.url,
    attempt: input.attempt,
    status: input.response?.status,
    requestId: input.response?.headers.get('x-request-id') ?? null,
    latencyMs: input.latencyMs,
    model: call.model,
    usage: input.usage,
    outcome: input.outcome,
    error: input.error,
    willRetry: input.willRetry ?? false,
    retryDelayMs: input.retryDelayMs,
    streaming: input.streaming ?? false,
  };
  call.trace.attempt(report);
  callHook('onAttempt', config.hooks?.onAttempt, report);
}
