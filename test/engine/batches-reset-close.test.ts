import { describe, expect, it } from 'vitest';
import { buildEngine, type Engine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { createVirtualClock } from '../../src/engine/index.js';

const contract = await loadContract();

const json = (engine: Engine, method: string, path: string, body?: unknown) =>
  engine.handle({
    method,
    path,
    query: {},
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body }),
  });

async function upload(engine: Engine, text: string) {
  const form = new FormData();
  form.append('purpose', 'batch');
  form.append('file', new Blob([text]), 'in.jsonl');
  const res = new Response(form);
  const out = await engine.handle({
    method: 'POST',
    path: '/v1/files',
    query: {},
    headers: { 'content-type': res.headers.get('content-type')! },
    rawBody: new Uint8Array(await res.arrayBuffer()),
  });
  return (out.body as { value: { id: string } }).value.id;
}

const lines = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({ custom_id: `r${i}`, method: 'POST', url: '/v1/models', body: {} }),
  ).join('\n');

async function start(engine: Engine, n: number) {
  const input = await upload(engine, lines(n));
  const res = await json(engine, 'POST', '/v1/batches', {
    input_file_id: input,
    endpoint: '/v1/chat/completions',
    completion_window: '24h',
  });
  return (res.body as { value: { id: string } }).value.id;
}

describe('batches and the engine lifecycle (no document)', () => {
  it('runs without the OpenAPI document, the same checks answering', async () => {
    const engine = buildEngine(undefined, { clock: createVirtualClock() });
    const missing = await json(engine, 'POST', '/v1/batches', {
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    expect(missing).toMatchObject({
      status: 400,
      body: { value: { error: { param: 'input_file_id', code: 'missing_required_parameter' } } },
    });
    const badWindow = await json(engine, 'POST', '/v1/batches', {
      input_file_id: 'f',
      endpoint: '/v1/chat/completions',
      completion_window: '1h',
    });
    expect(badWindow).toMatchObject({
      status: 400,
      body: { value: { error: { param: 'completion_window', code: 'invalid_value' } } },
    });
    const id = await start(engine, 2);
    await engine.batches.advance(10_000);
    const batch = (await json(engine, 'GET', `/v1/batches/${id}`)).body as {
      value: { status: string; errors?: { data: { code: string }[] } };
    };
    // Every line names /v1/models while the batch runs chat completions.
    expect(batch.value.status).toBe('failed');
    expect(batch.value.errors?.data.map((e) => e.code)).toEqual(['url_mismatch', 'url_mismatch']);
    await engine.close();
  });

  it('stops running batches on reset, and nothing comes back afterwards', async () => {
    const engine = buildEngine(undefined, { clock: createVirtualClock() });
    const text = Array.from({ length: 20 }, (_, i) =>
      JSON.stringify({ custom_id: `r${i}`, method: 'POST', url: '/v1/embeddings', body: { input: 'x' } }),
    ).join('\n');
    const input = await upload(engine, text);
    const res = await json(engine, 'POST', '/v1/batches', {
      input_file_id: input,
      endpoint: '/v1/embeddings',
      completion_window: '24h',
    });
    const id = (res.body as { value: { id: string } }).value.id;
    await engine.batches.advance(500);
    expect(
      ((await json(engine, 'GET', `/v1/batches/${id}`)).body as { value: { status: string } }).value.status,
    ).toBe('in_progress');
    await engine.reset();
    await engine.batches.advance(60_000);
    expect((await json(engine, 'GET', `/v1/batches/${id}`)).status).toBe(404);
    const files = (await json(engine, 'GET', '/v1/files')).body as { value: { data: unknown[] } };
    expect(files.value.data).toEqual([]);
    await engine.close();
  });

  it('closes promptly even with a line that never answers', async () => {
    const engine = buildEngine(contract, {
      clock: createVirtualClock(),
      features: { batches: { speed: 'instant' } },
    });
    engine.use('faults', (ctx, next) =>
      ctx.operation.path === '/embeddings' ? new Promise(() => {}) : next(),
    );
    const text = JSON.stringify({
      custom_id: 'r',
      method: 'POST',
      url: '/v1/embeddings',
      body: { model: 'text-embedding-3-small', input: 'x' },
    });
    const input = await upload(engine, text);
    const res = await json(engine, 'POST', '/v1/batches', {
      input_file_id: input,
      endpoint: '/v1/embeddings',
      completion_window: '24h',
    });
    const id = (res.body as { value: { id: string } }).value.id;
    await engine.batches.settle();
    const stuck = (await json(engine, 'GET', `/v1/batches/${id}`)).body as {
      value: { status: string; request_counts: object };
    };
    expect(stuck.value).toMatchObject({
      status: 'in_progress',
      request_counts: { total: 1, completed: 0, failed: 0 },
    });
    await engine.close();
    await engine.close();
  });

  it('rejects bad batch options when the engine is built', () => {
    expect(() => buildEngine(undefined, { features: { batches: { speed: 0 } } })).toThrow(
      /speed must be 'instant' or a number > 0/,
    );
    expect(() => buildEngine(undefined, { features: { files: { maxFileBytes: -1 } } })).toThrow(
      /maxFileBytes must be a positive integer/,
    );
  });
});
