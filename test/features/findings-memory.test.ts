// The judge's memory is bounded: clients, requests per client and findings are capped, oldest forgotten first.
// In process (engine.handle), on a virtual clock.
import { describe, expect, it } from 'vitest';
import { buildEngine, createVirtualClock, type MockRequest } from '../../src/index.js';

function setup(findings: Record<string, unknown>) {
  const clock = createVirtualClock();
  const engine = buildEngine(undefined, { clock, features: { findings } });
  engine.faults.add({ match: { path: '/embeddings' }, status: 503, retryAfterMs: 500 });
  const send = (key: string, input = 'hello') => {
    const request: MockRequest = {
      method: 'POST',
      path: '/v1/embeddings',
      query: {},
      headers: { 'content-type': 'application/json', authorization: `Bearer ${key}` },
      body: { model: 'text-embedding-3-small', input },
    };
    return engine.handle(request);
  };
  return { engine, send, clock };
}

describe('findings memory', () => {
  it('forgets the client seen least recently beyond maxClients', async () => {
    const { engine, send } = setup({ maxClients: 2 });
    await send('sk-client-a');
    await send('sk-client-b');
    await send('sk-client-a'); // a retry: found, and client a is now the most recent
    expect(engine.findings.list()).toHaveLength(1);
    await send('sk-client-c'); // evicts b, the least recently seen
    await send('sk-client-a'); // a is remembered: another early retry
    await send('sk-client-b'); // b's earlier 503 is forgotten: a first attempt again
    expect(engine.findings.list().map((f) => f.apiKey)).toEqual(['sk-…nt-a', 'sk-…nt-a']);
  });

  it('forgets the oldest request of a client beyond maxRequestsPerClient', async () => {
    const { engine, send } = setup({ maxRequestsPerClient: 2 });
    await send('sk-client-a', 'one');
    await send('sk-client-a', 'two');
    await send('sk-client-a', 'three'); // forgets 'one'
    await send('sk-client-a', 'one');
    expect(engine.findings.list()).toEqual([]);
    await send('sk-client-a', 'three');
    expect(engine.findings.list()).toHaveLength(1);
  });

  it('keeps at most maxFindings findings, newest last', async () => {
    const { engine, send } = setup({ maxFindings: 3 });
    for (let i = 0; i < 10; i++) {
      await send('sk-client-a', `input ${i}`);
      await send('sk-client-a', `input ${i}`);
    }
    const kept = engine.findings.list();
    expect(kept).toHaveLength(3);
    expect(kept.map((f) => f.id)).toEqual(['finding_8', 'finding_9', 'finding_10']);
  });

  it('can be turned off', async () => {
    const { engine, send } = setup({ enabled: false });
    await send('sk-client-a');
    await send('sk-client-a');
    expect(engine.findings.list()).toEqual([]);
  });

  it('rejects unknown or malformed options with the fix', () => {
    expect(() => setup({ streamIdle: 5 })).toThrow(
      /features.findings: unknown option 'streamIdle'; use enabled, earlyToleranceMs/,
    );
    expect(() => setup({ streamIdleMs: -1 })).toThrow(
      /features.findings.streamIdleMs must be a number ≥ 0, got -1/,
    );
  });

  it('forgets everything on reset', async () => {
    const { engine, send } = setup({});
    await send('sk-client-a');
    await engine.reset();
    engine.faults.add({ match: { path: '/embeddings' }, status: 503, retryAfterMs: 500 });
    await send('sk-client-a');
    expect(engine.findings.list()).toEqual([]);
  });
});
