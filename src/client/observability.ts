// Logging and tracing, without a dependency on any logging or OpenTelemetry package.
//  - `logLevel` / `logger`: lines about each call (debug: each attempt's request and response headers,
//    credentials redacted as the official SDK redacts them; info: retries and each call's outcome). As in
//    the official SDK the default level is `warn`, so nothing is logged unless asked (`OPENAI_LOG=debug`).
//  - `tracer`: anything shaped like an OpenTelemetry Tracer (`trace.getTracer('app')` fits as is). Each
//    call is one CLIENT span, each attempt one span event, and the span carries the GenAI semantic
//    convention attributes: model, token usage, and the cost from the price table.

import { OpenAIClientError } from './errors.js';
import { type AttemptReport, callHook } from './hooks.js';
import type { UsageRecord } from './usage.js';
import { UsageMeter } from './usage-meter.js';

export type LogLevel = 'off' | 'error' | 'warn' | 'info' | 'debug';

export interface Logger {
  error(message: string, ...rest: unknown[]): void;
  warn(message: string, ...rest: unknown[]): void;
  info(message: string, ...rest: unknown[]): void;
  debug(message: string, ...rest: unknown[]): void;
}

const LEVELS: readonly LogLevel[] = ['off', 'error', 'warn', 'info', 'debug'];

/** Headers whose values are credentials; logged as `***`. */
const SECRET_HEADERS = new Set([
  'authorization',
  'api-key',
  'x-api-key',
  'cookie',
  'set-cookie',
  'proxy-authorization',
]);

export function checkLogLevel(level: string | undefined, from: string): LogLevel | undefined {
  if (level === undefined) return undefined;
  if (!LEVELS.includes(level as LogLevel)) {
    throw new OpenAIClientError(
      `OpenAIClient: ${from} must be one of ${LEVELS.join(', ')}, got ${JSON.stringify(level)}`,
    );
  }
  return level as LogLevel;
}

/** A logger that drops lines above `level` and prefixes the rest. */
export function levelLogger(level: LogLevel, logger: Logger): Logger {
  const rank = LEVELS.indexOf(level);
  const at =
    (name: Exclude<LogLevel, 'off'>) =>
    (message: string, ...rest: unknown[]) => {
      if (LEVELS.indexOf(name) <= rank) logger[name](`[openai-mock/client] ${message}`, ...rest);
    };
  return { error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

/** The headers as a plain object, credentials replaced by `***`. */
export function redactHeaders(headers: Headers | undefined): Record<string, string> {
  const out: Record<string, string> = {};
  headers?.forEach((value, name) => {
    out[name] = SECRET_HEADERS.has(name.toLowerCase()) ? '***' : value;
  });
  return out;
}

type AttributeValue = string | number | boolean;
type Attributes = Record<string, AttributeValue | undefined>;

/** The part of an OpenTelemetry Span this client uses. */
export interface SpanLike {
  setAttribute(key: string, value: AttributeValue): unknown;
  addEvent(name: string, attributes?: Attributes): unknown;
  setStatus(status: { code: number; message?: string }): unknown;
  recordException?(exception: Error): unknown;
  end(): void;
}

/** The part of an OpenTelemetry Tracer this client uses. */
export interface TracerLike {
  startSpan(name: string, options?: { kind?: number; attributes?: Attributes }): SpanLike;
}

// OpenTelemetry's numeric constants (SpanKind.CLIENT, SpanStatusCode.OK / ERROR).
const SPAN_KIND_CLIENT = 2;
const STATUS_OK = 1;
const STATUS_ERROR = 2;

const pricing = new UsageMeter();

export interface CallInfo {
  method: string;
  path: string;
  url: string;
  model: string | undefined;
}

/** One call's span and log lines; every method is safe to call after `end`. */
export class CallTrace {
  readonly #span: SpanLike | undefined;
  readonly #log: Logger | undefined;
  readonly #call: CallInfo;
  #ended = false;
  #attempts = 0;

  constructor(
    tracer: TracerLike | undefined,
    log: Logger | undefined,
    call: CallInfo,
    prices: UsageMeter | undefined,
  ) {
    this.#log = log;
    this.#call = call;
    this.#prices = prices ?? pricing;
    if (tracer) {
      try {
        this.#span = tracer.startSpan(`${operationName(call.path)} ${call.model ?? call.path}`.trim(), {
          kind: SPAN_KIND_CLIENT,
          attributes: clean({
            'gen_ai.system': 'openai',
            'gen_ai.operation.name': operationName(call.path),
            'gen_ai.request.model': call.model,
            'http.request.method': call.method,
            'url.full': call.url,
            'url.path': call.path,
          }),
        });
      } catch (error) {
        callHook(
          'tracer.startSpan',
          () => {
            throw error;
          },
          undefined,
        );
      }
    }
  }

  readonly #prices: UsageMeter;

  /** Before each attempt is sent. */
  sending(attempt: number, headers: Headers): void {
    this.#log?.debug(`→ ${this.#call.method} ${this.#call.url} (attempt ${attempt})`, {
      headers: redactHeaders(headers),
    });
  }

  /** When an attempt settles. */
  attempt(report: AttemptReport): void {
    this.#attempts = report.attempt;
    const what = `${report.method} ${report.url}`;
    const status = report.status === undefined ? report.outcome : String(report.status);
    this.#log?.debug(`← ${status} ${what} in ${Math.round(report.latencyMs)} ms`, {
      requestId: report.requestId,
    });
    if (report.willRetry) {
      this.#log?.info(
        `${what} attempt ${report.attempt} failed (${status}${report.error ? `: ${report.error.message}` : ''}); retrying in ${Math.round(report.retryDelayMs ?? 0)} ms`,
      );
    }
    this.#guard(() =>
      this.#span?.addEvent(
        'gen_ai.client.attempt',
        clean({
          attempt: report.attempt,
          outcome: report.outcome,
          'http.response.status_code': report.status,
          latency_ms: Math.round(report.latencyMs),
          will_retry: report.willRetry,
          retry_delay_ms: report.retryDelayMs,
          'openai.request_id': report.requestId ?? undefined,
          'error.type': report.error?.name,
        }),
      ),
    );
    if (report.status !== undefined) this.#set('http.response.status_code', report.status);
    if (report.requestId) this.#set('openai.request_id', report.requestId);
  }

  /** When the call's token usage is known (a body, or a stream's last item). */
  usage(record: UsageRecord): void {
    const cost = this.#prices.costOf(record.model, record.usage);
    this.#set('gen_ai.response.model', record.model);
    this.#set('gen_ai.usage.input_tokens', record.usage.inputTokens);
    this.#set('gen_ai.usage.output_tokens', record.usage.outputTokens);
    this.#set('gen_ai.usage.cached_input_tokens', record.usage.cachedInputTokens);
    this.#set('gen_ai.usage.reasoning_tokens', record.usage.reasoningTokens);
    if (cost !== undefined) this.#set('gen_ai.usage.cost_usd', cost);
  }

  /** When the call is over (for a stream: when it was read to its end, broken off or failed). */
  end(error?: unknown): void {
    if (this.#ended) return;
    this.#ended = true;
    const what = `${this.#call.method} ${this.#call.url}`;
    if (error === undefined) {
      this.#log?.info(`${what} succeeded after ${this.#attempts} attempt(s)`);
    } else {
      const message = error instanceof Error ? error.message : String(error);
      this.#log?.info(`${what} failed after ${this.#attempts} attempt(s): ${message}`);
    }
    this.#guard(() => {
      if (!this.#span) return;
      this.#span.setAttribute('gen_ai.client.attempts', this.#attempts);
      if (error === undefined) this.#span.setStatus({ code: STATUS_OK });
      else {
        if (error instanceof Error) this.#span.recordException?.(error);
        this.#span.setStatus({
          code: STATUS_ERROR,
          message: error instanceof Error ? error.message : String(error),
        });
      }
      this.#span.end();
    });
  }

  #set(key: string, value: AttributeValue): void {
    this.#guard(() => this.#span?.setAttribute(key, value));
  }

  /** A tracer that throws must not break the call. */
  #guard(fn: () => void): void {
    try {
      fn();
    } catch (error) {
      callHook(
        'tracer',
        () => {
          throw error;
        },
        undefined,
      );
    }
  }
}

/** The GenAI operation name for a path: `chat`, `embeddings`, `responses`, …, else the path's first part. */
function operationName(path: string): string {
  if (path.startsWith('/chat/completions')) return 'chat';
  if (path === '/completions') return 'text_completion';
  const first = path.split('/')[1] ?? '';
  return first;
}

function clean(attributes: Attributes): Record<string, AttributeValue> {
  const out: Record<string, AttributeValue> = {};
  for (const [key, value] of Object.entries(attributes)) if (value !== undefined) out[key] = value;
  return out;
}
