import { describe, expect, it, vi } from 'vitest';
import { OpenAIClient } from '../../src/client/client.js';
import type { AttemptReport } from '../../src/client/hooks.js';
import { findPrice } from '../../src/client/price-table.js';
import { extractUsage, normalizeUsage, type UsageRecord } from '../../src/client/usage.js';
import { UsageMeter } from '../../src/client/usage-meter.js';
import { chunkedResponse, fakeFetch, json } from './helpers/fake-fetch.js';
import { chatChunk, chatCompletion, responseObject } from './helpers/samples.js';
import { sseText } from './helpers/scripted-server.js';

const usage = (input: number, output: number, cached = 0) => ({
  inputTokens: input,
  cachedInputTokens: cached,
  outputTokens: output,
  reasoningTokens: 0,
  totalTokens: input + output,
});

describe('usage normalization', () => {
  it('reads chat, responses and embeddings usage into one shape', () => {
    expect(
      normalizeUsage({
        prompt_tokens: 10,
        completion_tokens: 5,
        total_tokens: 15,
        prompt_tokens_details: { cached_tokens: 4 },
        completion_tokens_details: { reasoning_tokens: 2 },
      }),
    ).toEqual({
      inputTokens: 10,
      cachedInputTokens: 4,
      outputTokens: 5,
      reasoningTokens: 2,
      totalTokens: 15,
    });
    expect(
      normalizeUsage({
        input_tokens: 20,
        output_tokens: 4,
        total_tokens: 24,
        input_tokens_details: { cached_tokens: 10 },
      }),
    ).toMatchObject({ inputTokens: 20, cachedInputTokens: 10, outputTokens: 4 });
    expect(normalizeUsage({ prompt_tokens: 7, total_tokens: 7 })).toMatchObject({
      inputTokens: 7,
      outputTokens: 0,
      totalTokens: 7,
    });
    expect(normalizeUsage(null)).toBeUndefined();
  });

  it('finds usage in bodies and in Responses stream events', () => {
    expect(extractUsage({ type: 'response.completed', response: responseObject() })?.model).toBe(
      'gpt-4.1-mini',
    );
    expect(extractUsage(chatChunk('a'))).toBeUndefined();
    expect(
      extractUsage(chatChunk('', { usage: { prompt_tokens: 1, completion_tokens: 2 } }))?.usage.totalTokens,
    ).toBe(3);
  });
});

describe('UsageMeter', () => {
  it('prices input, cached input and output per million tokens', () => {
    const meter = new UsageMeter();
    // gpt-4o-mini: 0.15 in, 0.075 cached, 0.60 out
    expect(meter.costOf('gpt-4o-mini', usage(1_000_000, 1_000_000, 400_000))).toBeCloseTo(
      0.09 + 0.03 + 0.6,
      10,
    );
  });

  it('prices dated snapshots by their longest prefix', () => {
    const meter = new UsageMeter();
    expect(findPrice(meter.prices, 'gpt-4o-mini-2024-07-18')).toBe(meter.prices['gpt-4o-mini']);
    expect(findPrice(meter.prices, 'gpt-4o-2024-08-06')).toBe(meter.prices['gpt-4o']);
    expect(findPrice(meter.prices, 'gpt-4ox')).toBeUndefined();
  });

  it('lets the user override or replace the price table', () => {
    const merged = new UsageMeter({ prices: { 'gpt-4o': { input: 1, output: 1 }, house: { input: 2 } } });
    expect(merged.costOf('gpt-4o', usage(1_000_000, 0))).toBe(1);
    expect(merged.costOf('o3', usage(1_000_000, 0))).toBe(2);
    const replaced = new UsageMeter({ prices: { house: { input: 2 } }, replaceDefaultPrices: true });
    expect(replaced.costOf('o3', usage(1, 1))).toBeUndefined();
  });

  it('totals per model and per endpoint and lists unpriced models', () => {
    const meter = new UsageMeter();
    const record = (model: string, endpoint: string, u: ReturnType<typeof usage>): UsageRecord => ({
      model,
      endpoint,
      usage: u,
      requestId: null,
    });
    meter.record(record('gpt-4o-mini', '/chat/completions', usage(100, 50)));
    meter.record(record('gpt-4o-mini', '/responses', usage(200, 10)));
    meter.record(record('my-local-model', '/chat/completions', usage(5, 5)));
    const snap = meter.snapshot();
    expect(snap.total).toMatchObject({ calls: 3, inputTokens: 305, outputTokens: 65 });
    expect(snap.byModel['gpt-4o-mini']).toMatchObject({ calls: 2, inputTokens: 300 });
    expect(snap.byEndpoint['/chat/completions']).toMatchObject({ calls: 2, totalTokens: 160 });
    expect(snap.unpricedModels).toEqual(['my-local-model']);
    expect(snap.total.costUSD).toBeCloseTo((300 * 0.15 + 60 * 0.6) / 1e6, 12);
    meter.reset();
    expect(meter.snapshot().total.calls).toBe(0);
  });
});

describe('observability hooks', () => {
  it('report every attempt with model, status, request id, latency and usage, and feed the meter', async () => {
    const reports: AttemptReport[] = [];
    const usages: UsageRecord[] = [];
    const meter = new UsageMeter();
    const { fetch } = fakeFetch(
      json({ error: { message: 'x' } }, 500, { 'x-request-id': 'req_1', 'retry-after-ms': '1' }),
      json(chatCompletion(), 200, { 'x-request-id': 'req_2' }),
    );
    const client = new OpenAIClient({
      apiKey: 'k',
      baseURL: 'http://mock.test/v1',
      fetch,
      usageMeter: meter,
      hooks: { onAttempt: (r) => reports.push(r), onUsage: (u) => usages.push(u) },
    });
    await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
    });
    expect(reports).toHaveLength(2);
    expect(reports[0]).toMatchObject({
      method: 'POST',
      path: '/chat/completions',
      attempt: 1,
      status: 500,
      requestId: 'req_1',
      model: 'gpt-4o-mini',
      outcome: 'http-error',
      willRetry: true,
      retryDelayMs: 1,
      usage: undefined,
    });
    expect(reports[1]).toMatchObject({
      attempt: 2,
      status: 200,
      requestId: 'req_2',
      outcome: 'success',
      willRetry: false,
      usage: { inputTokens: 10, outputTokens: 5 },
    });
    expect(reports[1]?.latencyMs).toBeGreaterThanOrEqual(0);
    expect(usages).toEqual([
      { model: 'gpt-4o-mini', endpoint: '/chat/completions', usage: usage(10, 5), requestId: 'req_2' },
    ]);
    expect(meter.snapshot().byModel['gpt-4o-mini']?.calls).toBe(1);
  });

  it('report stream usage once, from the final chunk', async () => {
    const usages: UsageRecord[] = [];
    const reports: AttemptReport[] = [];
    const last = chatChunk('', {
      choices: [],
      usage: { prompt_tokens: 3, completion_tokens: 2, total_tokens: 5 },
    });
    const { fetch } = fakeFetch(() => chunkedResponse([sseText([chatChunk('a'), last])]));
    const client = new OpenAIClient({
      apiKey: 'k',
      baseURL: 'http://mock.test/v1',
      fetch,
      hooks: { onUsage: (u) => usages.push(u), onAttempt: (r) => reports.push(r) },
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [],
      stream: true,
      stream_options: { include_usage: true },
    });
    expect(reports[0]).toMatchObject({ outcome: 'success', streaming: true, usage: undefined });
    for await (const _ of stream);
    expect(usages).toHaveLength(1);
    expect(usages[0]).toMatchObject({
      model: 'gpt-4o-mini',
      usage: { totalTokens: 5 },
      requestId: 'req_stream',
    });
  });

  it('ignore a hook that throws, with a warning', async () => {
    const warn = vi.spyOn(console, 'warn').mockImplementation(() => {});
    const { fetch } = fakeFetch(json(chatCompletion()));
    const client = new OpenAIClient({
      apiKey: 'k',
      baseURL: 'http://mock.test/v1',
      fetch,
      hooks: {
        onAttempt: () => {
          throw new Error('telemetry down');
        },
      },
    });
    await expect(client.chat.completions.create({ model: 'm', messages: [] })).resolves.toBeDefined();
    expect(warn).toHaveBeenCalledWith(
      expect.stringContaining('the onAttempt hook threw and was ignored'),
      expect.any(Error),
    );
    warn.mockRestore();
  });
});
