import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import { createVirtualClock } from '../../src/engine/index.js';

const contract = await loadContract();
const request = (method: string, path: string, body?: Record<string, unknown>) => ({
  method,
  path,
  query: {},
  headers: { 'content-type': 'application/json' },
  ...(body && { body }),
});

function setup() {
  const clock = createVirtualClock();
  const engine = buildEngine(contract, { clock, checkResponses: true });
  const call = async (method: string, path: string, body?: Record<string, unknown>) => {
    const response = await engine.handle(request(method, path, body));
    return {
      status: response.status,
      body: response.body.kind === 'json' ? (response.body.value as any) : undefined,
    };
  };
  const startBackground = async (extra: Record<string, unknown> = {}) =>
    (
      await call('POST', '/v1/responses', {
        model: 'gpt-4o',
        input: 'Summarise the Odyssey',
        background: true,
        ...extra,
      })
    ).body;
  return { clock, engine, call, startBackground };
}

describe('background jobs and the engine lifecycle', () => {
  it('stop when the engine closes: the response stays where it was', async () => {
    const { clock, engine, call, startBackground } = setup();
    const created = await startBackground();
    await engine.close();
    await clock.advance(10_000);
    expect((await call('GET', `/v1/responses/${created.id}`)).body.status).toBe('queued');
  });

  it('are dropped with the state on reset', async () => {
    const { clock, engine, call, startBackground } = setup();
    const created = await startBackground();
    await engine.reset();
    await clock.advance(10_000);
    expect((await call('GET', `/v1/responses/${created.id}`)).status).toBe(404);
  });

  it('append to a conversation only when the response completes', async () => {
    const { clock, call, startBackground } = setup();
    const conversation = (await call('POST', '/v1/conversations', {})).body;
    await startBackground({ conversation: conversation.id });
    const items = async () =>
      (await call('GET', `/v1/conversations/${conversation.id}/items`)).body.data.length;
    await clock.advance(100);
    expect(await items()).toBe(0);
    await clock.advance(1000);
    expect(await items()).toBe(2);
  });

  it('do not bring back a response deleted while it ran', async () => {
    const { clock, call, startBackground } = setup();
    const created = await startBackground();
    await clock.advance(60);
    expect((await call('DELETE', `/v1/responses/${created.id}`)).body).toEqual({
      id: created.id,
      object: 'response',
      deleted: true,
    });
    await clock.advance(1000);
    expect((await call('GET', `/v1/responses/${created.id}`)).status).toBe(404);
  });

  it('validate against the document at every step, cancelled included', async () => {
    const { clock, engine, call, startBackground } = setup();
    const created = await startBackground();
    await call('GET', `/v1/responses/${created.id}`);
    await clock.advance(60);
    await call('GET', `/v1/responses/${created.id}`);
    await call('POST', `/v1/responses/${created.id}/cancel`);
    const other = await startBackground({ input: 'Summarise the Iliad' });
    await clock.advance(1000);
    expect((await call('GET', `/v1/responses/${other.id}`)).body.status).toBe('completed');
    expect(engine.journal.entries().flatMap((e) => e.validation)).toEqual([]);
  });
});
