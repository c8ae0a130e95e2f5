import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { type Contract, loadContract } from '../../src/contract/index.js';
import type { MockResponse } from '../../src/engine/index.js';
import { type Cassette, writeCassette } from '../../src/record/index.js';
import { tempDir } from './helpers/cassette-server.js';

const reply = (text: string) => ({ status: 200, headers: {}, body: { json: { text } } });
const chat = (json: object) => ({
  method: 'POST',
  path: '/v1/chat/completions',
  query: {},
  headers: { 'content-type': 'application/json' },
  body: { json },
});
const base = { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'hi' }] };

const cassette: Cassette = {
  version: 1,
  meta: { tool: 'openai-mock', toolVersion: '0.1.0', spec: null },
  interactions: [
    { request: chat({ ...base, user: 'u-1', metadata: { run: '1' } }), response: reply('first') },
    { request: chat({ ...base, user: 'u-2', metadata: { run: '2' } }), response: reply('second') },
    {
      request: { method: 'GET', path: '/v1/models', query: { limit: '2' }, headers: {} },
      response: reply('models'),
    },
  ],
};

const text = (r: MockResponse) =>
  r.body.kind === 'json'
    ? ((r.body.value as { text?: string }).text ?? JSON.stringify(r.body.value))
    : JSON.stringify(r.body);

describe('matching', () => {
  const dir = tempDir();
  let contract: Contract;
  beforeAll(async () => {
    contract = await loadContract();
    await writeCassette(join(dir, 'match.json'), cassette);
  });
  const engine = (match: object = {}) =>
    buildEngine(contract, { features: { cassettes: { dir, cassette: 'match', match, env: {} } } });
  const post = (e: ReturnType<typeof engine>, body: object, headers: Record<string, string> = {}) =>
    e.handle({
      method: 'POST',
      path: '/chat/completions',
      query: {},
      headers: { 'content-type': 'application/json', ...headers },
      rawBody: new TextEncoder().encode(JSON.stringify(body)),
    });

  it('ignores key order and the /v1 prefix', async () => {
    const e = engine();
    const r = await post(e, {
      metadata: { run: '1' },
      user: 'u-1',
      messages: [{ content: 'hi', role: 'user' }],
      model: 'gpt-4o-mini',
    });
    expect(text(r)).toBe('first');
  });

  it('replays repeated identical requests in recorded order, then repeats the last', async () => {
    const e = engine({ ignoreBody: ['user', 'metadata'] });
    const answers = [];
    for (let i = 0; i < 3; i++) answers.push(text(await post(e, { ...base, user: 'someone else' })));
    expect(answers).toEqual(['first', 'second', 'second']);
  });

  it("counts per x-mock-test-id scope, so parallel tests sharing a server do not steal each other's recordings", async () => {
    const e = engine({ ignoreBody: ['user', 'metadata'] });
    expect(text(await post(e, base, { 'x-mock-test-id': 'a' }))).toBe('first');
    expect(text(await post(e, base, { 'x-mock-test-id': 'b' }))).toBe('first');
    expect(text(await post(e, base, { 'x-mock-test-id': 'a' }))).toBe('second');
  });

  it('starts over after a reset', async () => {
    const e = engine({ ignoreBody: ['user', 'metadata'] });
    expect(text(await post(e, base))).toBe('first');
    await e.reset();
    expect(text(await post(e, base))).toBe('first');
  });

  it('compares the query unless told to ignore a parameter', async () => {
    const get = (e: ReturnType<typeof engine>, query: Record<string, string>) =>
      e.handle({ method: 'GET', path: '/v1/models', query, headers: {} });
    expect(text(await get(engine(), { limit: '2' }))).toBe('models');
    expect((await get(engine(), { limit: '3' })).status).toBe(500);
    expect(text(await get(engine({ ignoreQuery: ['limit'] }), { limit: '3' }))).toBe('models');
  });

  it('lets a normalize callback have the last word', async () => {
    type Recorded = Cassette['interactions'][number]['request'];
    const e = engine({
      normalize: (r: Recorded) =>
        r.body && 'json' in r.body
          ? { ...r, body: { json: { only: (r.body.json as { model: string }).model } } }
          : r,
    });
    expect(
      text(await post(e, { model: 'gpt-4o-mini', messages: [{ role: 'user', content: 'anything at all' }] })),
    ).toBe('first');
  });

  it('picks the cassette named by the x-mock-cassette header', async () => {
    await writeCassette(join(dir, 'other', 'one.json'), {
      ...cassette,
      interactions: [{ request: chat(base), response: reply('from header') }],
    });
    const e = buildEngine(contract, { features: { cassettes: { dir, env: {} } } });
    expect(text(await post(e, base, { 'x-mock-cassette': 'other/one' }))).toBe('from header');
    expect((await post(e, base)).status, 'no cassette in use: the simulator answers').not.toBe(500);
  });

  it('replays recordings of models the catalog lacks, without adding them to the catalog', async () => {
    const unknown = { ...base, model: 'gpt-future-2030-01-01' };
    await writeCassette(join(dir, 'models.json'), {
      ...cassette,
      interactions: [{ request: chat(unknown), response: reply('from the future') }],
    });
    const e = buildEngine(contract, { features: { cassettes: { dir, cassette: 'models', env: {} } } });
    expect(text(await post(e, unknown))).toBe('from the future');
    expect(e.models.find('gpt-future-2030-01-01'), 'the catalog stays as simulated').toBeUndefined();
    const other = await post(e, { ...base, model: 'gpt-other-2030-01-01' });
    expect(other.status, 'not recorded: a miss in replay mode, whatever the model').toBe(500);
    const mocked = buildEngine(contract, {
      features: { cassettes: { dir, cassette: 'models', mode: 'replay-or-mock', env: {} } },
    });
    const simulated = await post(mocked, { ...base, model: 'gpt-other-2030-01-01' });
    expect(simulated.status, 'left to the simulator: the model check answers').toBe(404);
  });
});
