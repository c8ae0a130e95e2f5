// Logging and tracing against our own server, faults included: credentials never reach a log line, and a
// tracer shaped like OpenTelemetry's gets one span per call, one event per attempt, and the call's model,
// token usage and cost as attributes (streams: when the stream ends).

import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PRICES,
  type Logger,
  OpenAIClient,
  RateLimitError,
  type SpanLike,
  type TracerLike,
} from '../../src/client/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const KEY = 'sk-secret-key-0123456789';
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };

interface RecordedSpan {
  name: string;
  kind: number | undefined;
  attributes: Record<string, unknown>;
  events: Array<{ name: string; attributes: Record<string, unknown> | undefined }>;
  status: { code: number; message?: string } | undefined;
  ended: number;
}

/** A tracer with OpenTelemetry's Tracer/Span shape that records what it is told. */
function recordingTracer(): TracerLike & { spans: RecordedSpan[] } {
  const spans: RecordedSpan[] = [];
  return {
    spans,
    startSpan(name, options) {
      const span: RecordedSpan = {
        name,
        kind: options?.kind,
        attributes: { ...options?.attributes },
        events: [],
        status: undefined,
        ended: 0,
      };
      spans.push(span);
      const api: SpanLike = {
        setAttribute: (key, value) => {
          span.attributes[key] = value;
          return api;
        },
        addEvent: (event, attributes) => span.events.push({ name: event, attributes }),
        setStatus: (status) => {
          span.status = status;
        },
        end: () => {
          span.ended++;
        },
      };
      return api;
    },
  };
}

function recordingLogger(): Logger & { lines: string[] } {
  const lines: string[] = [];
  const at =
    (level: string) =>
    (message: string, ...rest: unknown[]) => {
      lines.push(`${level} ${message} ${rest.map((r) => JSON.stringify(r)).join(' ')}`);
    };
  return { lines, error: at('error'), warn: at('warn'), info: at('info'), debug: at('debug') };
}

const scoped = (scope: string, extra: Partial<ConstructorParameters<typeof OpenAIClient>[0]>) =>
  new OpenAIClient({
    apiKey: KEY,
    baseURL: server.url,
    maxRetries: 2,
    defaultHeaders: { 'x-mock-test-id': scope, cookie: 'session=abc123' },
    ...extra,
  });

describe('tracing', () => {
  it('one span per call, one event per attempt, usage and cost as attributes', async () => {
    server.engine.faults.add({
      match: { path: '/chat/completions', header: { 'x-mock-test-id': 'trace' } },
      status: 503,
      times: 1,
      retryAfterMs: 1,
    });
    const tracer = recordingTracer();
    const completion = await scoped('trace', { tracer }).chat.completions.create(chat);
    expect(tracer.spans).toHaveLength(1);
    const [span] = tracer.spans as [RecordedSpan];
    expect(span).toMatchObject({ name: 'chat gpt-4o-mini', kind: 2, status: { code: 1 }, ended: 1 });
    expect(
      span.events.map((e) => [
        e.name,
        e.attributes?.['http.response.status_code'],
        e.attributes?.['will_retry'],
      ]),
    ).toEqual([
      ['gen_ai.client.attempt', 503, true],
      ['gen_ai.client.attempt', 200, false],
    ]);
    const usage = completion.usage!;
    const price = DEFAULT_PRICES['gpt-4o-mini']!;
    expect(span.attributes).toMatchObject({
      'gen_ai.system': 'openai',
      'gen_ai.operation.name': 'chat',
      'gen_ai.request.model': 'gpt-4o-mini',
      'gen_ai.usage.input_tokens': usage.prompt_tokens,
      'gen_ai.usage.output_tokens': usage.completion_tokens,
      'gen_ai.client.attempts': 2,
      'http.response.status_code': 200,
    });
    expect(span.attributes['gen_ai.usage.cost_usd']).toBeCloseTo(
      (usage.prompt_tokens * price.input + usage.completion_tokens * (price.output ?? 0)) / 1e6,
      12,
    );
  });

  it('a stream’s span ends when the stream does, with the usage of its last chunk', async () => {
    const tracer = recordingTracer();
    const stream = await scoped('trace-stream', { tracer }).chat.completions.create({
      ...chat,
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(tracer.spans[0]?.ended).toBe(0);
    for await (const _ of stream);
    expect(tracer.spans[0]).toMatchObject({ ended: 1, status: { code: 1 } });
    expect(tracer.spans[0]?.attributes['gen_ai.usage.output_tokens']).toBeGreaterThan(0);
  });

  it('a failed call ends its span with an error status', async () => {
    server.engine.faults.add({
      match: { header: { 'x-mock-test-id': 'trace-fail' } },
      status: 429,
      retryAfterMs: 1,
    });
    const tracer = recordingTracer();
    await expect(
      scoped('trace-fail', { tracer, maxRetries: 1 }).chat.completions.create(chat),
    ).rejects.toBeInstanceOf(RateLimitError);
    expect(tracer.spans[0]).toMatchObject({ ended: 1, status: { code: 2 } });
    expect(tracer.spans[0]?.events).toHaveLength(2);
  });
});

describe('logging', () => {
  it('debug logs each attempt with credentials redacted, and retries at info', async () => {
    server.engine.faults.add({
      match: { header: { 'x-mock-test-id': 'log' } },
      status: 500,
      times: 1,
      retryAfterMs: 1,
    });
    const logger = recordingLogger();
    await scoped('log', { logLevel: 'debug', logger }).chat.completions.create(chat);
    const text = logger.lines.join('\n');
    expect(text).not.toContain(KEY);
    expect(text).not.toContain('abc123');
    expect(text).toContain('"authorization":"***"');
    expect(text).toContain('"cookie":"***"');
    expect(text).toMatch(/^debug \[openai-mock\/client\] → POST .*\/chat\/completions \(attempt 1\)/m);
    expect(text).toMatch(/^info .*attempt 1 failed \(500.*retrying in/m);
    expect(text).toMatch(/^info .*succeeded after 2 attempt\(s\)/m);
  });

  it('logs nothing at the default level, and refuses an unknown level', async () => {
    const logger = recordingLogger();
    await scoped('quiet', { logger }).models.list();
    expect(logger.lines).toEqual([]);
    expect(() => new OpenAIClient({ apiKey: 'k', logLevel: 'loud' as never })).toThrow(
      /logLevel must be one of off, error, warn, info, debug, got "loud"/,
    );
  });
});
