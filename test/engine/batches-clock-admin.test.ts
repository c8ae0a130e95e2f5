import { describe, expect, it } from 'vitest';
import { buildEngine, type Engine } from '../../src/compose.js';
import { createVirtualClock } from '../../src/engine/index.js';

const admin = async (engine: Engine, method: string, path: string, body?: unknown) => {
  const res = await engine.handle({
    method,
    path: `/__mock/${path}`,
    query: {},
    headers: { 'content-type': 'application/json' },
    ...(body !== undefined && { body }),
  });
  return { status: res.status, body: res.body.kind === 'json' ? (res.body.value as any) : undefined };
};

describe('the clock admin routes', () => {
  it('read and move a virtual clock', async () => {
    const start = Date.UTC(2025, 5, 1);
    const engine = buildEngine(undefined, { clock: createVirtualClock(start) });
    expect(await admin(engine, 'GET', 'clock')).toEqual({
      status: 200,
      body: { now: start, iso: '2025-06-01T00:00:00.000Z', virtual: true },
    });
    expect((await admin(engine, 'POST', 'clock/advance', { ms: 90_000 })).body.now).toBe(start + 90_000);
    expect((await admin(engine, 'POST', 'clock/set', { now: '2025-07-01T00:00:00Z' })).body.iso).toBe(
      '2025-07-01T00:00:00.000Z',
    );
    await engine.close();
  });

  it('answer 400 to a bad amount and 409 on the real clock', async () => {
    const virtual = buildEngine(undefined, { clock: createVirtualClock() });
    const bad = await admin(virtual, 'POST', 'clock/advance', { ms: -5 });
    expect(bad.status).toBe(400);
    expect(bad.body.error.message).toContain('"ms" must be a number of milliseconds >= 0');
    expect((await admin(virtual, 'POST', 'clock/set', { now: 'someday' })).status).toBe(400);
    const real = buildEngine(undefined);
    const refused = await admin(real, 'POST', 'clock/advance', { ms: 1 });
    expect(refused.status).toBe(409);
    expect(refused.body.error.code).toBe('clock_not_virtual');
    await expect(real.batches.advance(1)).rejects.toThrow(/real clock/);
    await Promise.all([virtual.close(), real.close()]);
  });

  it('let a batch catch up with every step due before answering', async () => {
    const engine = buildEngine(undefined, { clock: createVirtualClock() });
    const form = new FormData();
    form.append('purpose', 'batch');
    const text = Array.from({ length: 30 }, (_, i) =>
      JSON.stringify({ custom_id: `r${i}`, method: 'POST', url: '/v1/embeddings', body: { input: 'x' } }),
    ).join('\n');
    form.append('file', new Blob([text]), 'in.jsonl');
    const encoded = new Response(form);
    const file = await engine.handle({
      method: 'POST',
      path: '/v1/files',
      query: {},
      headers: { 'content-type': encoded.headers.get('content-type')! },
      rawBody: new Uint8Array(await encoded.arrayBuffer()),
    });
    const input = (file.body as { value: { id: string } }).value.id;
    const created = await engine.handle({
      method: 'POST',
      path: '/v1/batches',
      query: {},
      headers: {},
      body: { input_file_id: input, endpoint: '/v1/embeddings', completion_window: '24h' },
    });
    const id = (created.body as { value: { id: string } }).value.id;
    // 200 ms validating + 30 lines × 100 ms + 200 ms finalizing, in one jump.
    await admin(engine, 'POST', 'clock/advance', { ms: 3_400 });
    const batch = (await engine.handle({ method: 'GET', path: `/v1/batches/${id}`, query: {}, headers: {} }))
      .body as { value: any };
    expect(batch.value.status).toBe('completed');
    // No document: the generic responder cannot answer, so every line records the 501 it got.
    expect(batch.value.request_counts).toEqual({ total: 30, completed: 0, failed: 30 });
    await engine.close();
  });
});
