import { describe, expect, it } from 'vitest';
import { buildEngine, type EngineOptions } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { createVirtualClock, type MockRequest } from '../../src/engine/index.js';

const contract = await loadContract();
const make = (options: EngineOptions = {}) => buildEngine(contract, { acceptAnyModel: true, ...options });
const post = (path: string, body: unknown, headers: Record<string, string> = {}): MockRequest => ({
  method: 'POST',
  path,
  query: {},
  headers: { 'content-type': 'application/json', ...headers },
  body,
});
const get = (path: string, headers: Record<string, string> = {}): MockRequest => ({
  method: 'GET',
  path,
  query: {},
  headers,
});
const chat = (extra: Record<string, unknown> = {}) => ({
  model: 'gpt-4o',
  messages: [{ role: 'user', content: 'hi' }],
  ...extra,
});

describe('fault rule matching', () => {
  it('matches a path given with or without /v1, whichever way the request came', async () => {
    const engine = make();
    engine.faults.add({ status: 500, match: { path: '/v1/models' } });
    engine.faults.add({ status: 503, match: { path: 'chat/completions' } });
    expect((await engine.handle(get('/models'))).status).toBe(500);
    expect((await engine.handle(get('/v1/models'))).status).toBe(500);
    expect((await engine.handle(post('/v1/chat/completions', chat()))).status).toBe(503);
    expect((await engine.handle(get('/v1/models/gpt-4o'))).status).toBe(200);
  });

  it('matches templates, prefixes, methods and operation ids', async () => {
    const engine = make();
    engine.faults.add({ status: 500, match: { path: '/models/{model}' } });
    engine.faults.add({ status: 502, match: { path: '/files*', method: 'get' } });
    engine.faults.add({ status: 504, match: { operationId: 'createEmbedding' } });
    expect((await engine.handle(get('/v1/models/gpt-4o'))).status).toBe(500);
    expect((await engine.handle(get('/v1/models'))).status).toBe(200);
    expect((await engine.handle(get('/v1/files'))).status).toBe(502);
    expect(
      (await engine.handle(post('/v1/embeddings', { model: 'text-embedding-3-small', input: 'x' }))).status,
    ).toBe(504);
  });

  it('matches on model, header, metadata, API key and streaming', async () => {
    const engine = make();
    engine.faults.add({ status: 500, match: { model: 'gpt-4.1' } });
    engine.faults.add({ status: 502, match: { header: 'x-tenant: slow' } });
    engine.faults.add({ status: 503, match: { metadata: { job: 'nightly' } } });
    engine.faults.add({ status: 504, match: { apiKey: 'sk-flaky' } });
    engine.faults.add({ status: 408, match: { stream: true } });
    const status = async (req: MockRequest) => (await engine.handle(req)).status;
    expect(await status(post('/v1/chat/completions', chat({ model: 'gpt-4.1' })))).toBe(500);
    expect(await status(post('/v1/chat/completions', chat(), { 'x-tenant': 'slow' }))).toBe(502);
    expect(await status(post('/v1/chat/completions', chat(), { 'x-tenant': 'fast' }))).toBe(200);
    expect(
      await status(post('/v1/chat/completions', chat({ metadata: { job: 'nightly' }, store: true }))),
    ).toBe(503);
    expect(await status(post('/v1/chat/completions', chat(), { authorization: 'Bearer sk-flaky' }))).toBe(
      504,
    );
    expect(await status(post('/v1/chat/completions', chat({ stream: true })))).toBe(408);
    expect(await status(post('/v1/chat/completions', chat()))).toBe(200);
  });
});

describe('fault rule counting', () => {
  it('fires a rule for its first `times` matches only', async () => {
    const engine = make();
    const rule = engine.faults.add({ status: 500, times: 2 });
    const statuses = [];
    for (let i = 0; i < 4; i++) statuses.push((await engine.handle(get('/v1/models'))).status);
    expect(statuses).toEqual([500, 500, 200, 200]);
    expect(engine.faults.list()).toMatchObject([{ id: rule.id, matched: 4, fired: 2 }]);
  });

  it('walks a sequence step by step, passing where it says pass, then stops', async () => {
    const engine = make();
    engine.faults.add({ sequence: [429, 'pass', 'reset', 500] });
    const seen = [];
    for (let i = 0; i < 6; i++) {
      const r = await engine.handle(get('/v1/models'));
      seen.push(r.connection ?? r.status);
    }
    expect(seen).toEqual([429, 200, 'reset', 500, 200, 200]);
    expect(engine.journal.entries().map((e) => e.status)).toEqual([429, 200, 0, 500, 200, 200]);
  });

  it('draws a seeded rate: the same seed replays the same failures, another seed differs', async () => {
    const run = async (seed: number) => {
      const engine = make({ seed });
      engine.faults.add({ status: 503, rate: 0.3 });
      const out: number[] = [];
      for (let i = 0; i < 40; i++) out.push((await engine.handle(get('/v1/models'))).status);
      return out.map((s) => (s === 503 ? 1 : 0)).join('');
    };
    const first = await run(7);
    expect(await run(7)).toBe(first);
    expect(await run(8)).not.toBe(first);
    const failures = [...first].filter((c) => c === '1').length;
    expect(failures).toBeGreaterThan(3);
    expect(failures).toBeLessThan(25);
  });

  it("keeps a separate counter per test id, so parallel tests do not steal each other's faults", async () => {
    const engine = make({ features: { faults: { rules: [{ status: 500, times: 1 }] } } });
    const as = (id: string) => get('/v1/models', { 'x-mock-test-id': id });
    expect((await engine.handle(as('a'))).status).toBe(500);
    expect((await engine.handle(as('b'))).status).toBe(500);
    expect((await engine.handle(as('a'))).status).toBe(200);
    expect((await engine.handle(as('b'))).status).toBe(200);
  });

  it('lets the first rule that fires win, scoped rules before global ones', async () => {
    const engine = make();
    engine.faults.add({ status: 500 });
    engine.faults.add({ status: 503, scope: 't1' });
    expect((await engine.handle(get('/v1/models', { 'x-mock-test-id': 't1' }))).status).toBe(503);
    expect((await engine.handle(get('/v1/models', { 'x-mock-test-id': 't2' }))).status).toBe(500);
  });

  it('picks among kinds with a seeded chaos rate, and replays the same picks after reset', async () => {
    const engine = make({
      seed: 3,
      features: { faults: { chaos: { rate: 0.5, kinds: [500, 503, 'reset'] } } },
    });
    const run = async () => {
      const out: Array<number | string> = [];
      for (let i = 0; i < 30; i++) {
        const r = await engine.handle(get('/v1/models'));
        out.push(r.connection ?? r.status);
      }
      return out;
    };
    const first = await run();
    expect(new Set(first)).toEqual(new Set([200, 500, 503, 'reset']));
    await engine.reset();
    expect(await run()).toEqual(first);
    expect(engine.journal.entries().find((e) => e.fault)?.fault?.ruleId).toBe('chaos');
  });
});

describe('fault latency', () => {
  it('adds seeded jitter to the delay, on the engine clock', async () => {
    const clock = createVirtualClock();
    const engine = make({ clock });
    engine.faults.add({ type: 'latency', latencyMs: 100, jitterMs: 50 });
    let done = false;
    const pending = engine.handle(get('/v1/models')).then((r) => {
      done = true;
      return r;
    });
    await new Promise((r) => setImmediate(r)); // let the request reach its sleep
    await clock.advance(99);
    expect(done).toBe(false);
    await clock.advance(51);
    expect((await pending).status).toBe(200);
  });
});
