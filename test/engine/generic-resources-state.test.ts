import { describe, expect, it } from 'vitest';
import { buildEngine, type Engine } from '../../src/compose.js';
import { loadContract } from '../../src/contract/index.js';
import type { MockRequest } from '../../src/engine/index.js';

const contract = await loadContract();
const request = (method: string, path: string, body?: unknown): MockRequest => ({
  method,
  path,
  query: {},
  headers: body === undefined ? {} : { 'content-type': 'application/json' },
  ...(body !== undefined && { body }),
});
async function call(engine: Engine, method: string, path: string, body?: unknown): Promise<any> {
  const response = await engine.handle(request(method, path, body));
  return { status: response.status, ...(response.body.kind === 'json' ? { body: response.body.value } : {}) };
}

describe('generic resources: determinism by seed', () => {
  it('answers a create the same whatever came before it, and differently for another seed', async () => {
    const a = buildEngine(contract, { seed: 5, freezeTime: 1_700_000_000 });
    const b = buildEngine(contract, { seed: 5, freezeTime: 1_700_000_000 });
    const c = buildEngine(contract, { seed: 6, freezeTime: 1_700_000_000 });
    const project = { name: 'Billing' };
    const assistant = { model: 'gpt-4o', name: 'Tutor' };
    await call(a, 'POST', '/v1/organization/projects', project);
    const fromA = await call(a, 'POST', '/v1/assistants', assistant);
    const fromB = await call(b, 'POST', '/v1/assistants', assistant);
    await call(b, 'POST', '/v1/organization/projects', project);
    expect(fromA).toEqual(fromB);
    expect((await call(c, 'POST', '/v1/assistants', assistant)).body.id).not.toBe(fromA.body.id);
  });

  it('draws realistic values with faker for what a schema names: people, e-mails; the same for the same seed', async () => {
    const list = async (seed: number) =>
      (await call(buildEngine(contract, { seed }), 'GET', '/v1/organization/users')).body.data;
    const users = await list(1);
    expect(users).toHaveLength(3);
    for (const user of users) {
      expect(user.name).toMatch(/^\p{Lu}[\p{L}'.-]+( \p{Lu}[\p{L}'.-]+)+$/u);
      if (user.email !== null) expect(user.email).toMatch(/^[a-z0-9._-]+@example\.com$/);
      expect(user.id).toMatch(/^user_/);
    }
    expect(await list(1)).toEqual(users);
    expect((await list(2))[0].name).not.toBe(users[0].name);
  });
});

describe('generic resources: ids and lists', () => {
  it('answers 404 for prototype names used as ids', async () => {
    const engine = buildEngine(contract);
    for (const id of ['toString', 'constructor', '__proto__', 'hasOwnProperty']) {
      const got = await call(engine, 'GET', `/v1/evals/${id}`);
      expect([id, got.status]).toEqual([id, 404]);
      expect(got.body.error.message).toBe(`No eval found with id '${id}'.`);
    }
  });

  it('ends generated lists: usage pages and lists in generate mode say has_more: false', async () => {
    const engine = buildEngine(contract, { missingResources: 'generate' });
    const response = await engine.handle({
      ...request('GET', '/v1/organization/usage/completions'),
      query: { start_time: '1700000000' },
    });
    expect(response.status).toBe(200);
    expect((response.body as { value: any }).value).toMatchObject({ has_more: false, next_page: null });
    const runs = await call(engine, 'GET', '/v1/threads/thread_invented/runs');
    expect(runs.status).toBe(200);
    expect(runs.body.has_more).toBe(false);
  });

  it('pages backwards with before, and asc/desc order', async () => {
    const engine = buildEngine(contract);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++)
      ids.push((await call(engine, 'POST', '/v1/assistants', { model: 'gpt-4o', name: `a${i}` })).body.id);
    const asc = await engine.handle({
      ...request('GET', '/v1/assistants'),
      query: { order: 'asc', limit: '2' },
    });
    const page = (asc.body as { value: any }).value;
    expect(page.data.map((a: any) => a.id)).toEqual(ids.slice(0, 2));
    expect(page).toMatchObject({ first_id: ids[0], last_id: ids[1], has_more: true });
    const before = await engine.handle({
      ...request('GET', '/v1/assistants'),
      query: { order: 'asc', limit: '2', before: ids[4]! },
    });
    expect((before.body as { value: any }).value.data.map((a: any) => a.id)).toEqual(ids.slice(2, 4));
    const desc = await engine.handle({ ...request('GET', '/v1/assistants'), query: { limit: '10' } });
    expect((desc.body as { value: any }).value.data.map((a: any) => a.id)).toEqual([...ids].reverse());
  });

  it('keeps settings (singletons) between reads, and updates merge into them', async () => {
    const engine = buildEngine(contract);
    const first = await call(engine, 'GET', '/v1/organization/data_retention');
    expect(await call(engine, 'GET', '/v1/organization/data_retention')).toEqual(first);
    const project = (await call(engine, 'POST', '/v1/organization/projects', { name: 'p' })).body;
    const missing = await call(engine, 'GET', '/v1/organization/projects/proj_nope/data_retention');
    expect(missing.status).toBe(404);
    expect((await call(engine, 'GET', `/v1/organization/projects/${project.id}/data_retention`)).status).toBe(
      200,
    );
  });

  it('forgets everything on reset', async () => {
    const engine = buildEngine(contract);
    const made = (await call(engine, 'POST', '/v1/vector_stores', { name: 'x' })).body;
    await engine.reset();
    expect((await call(engine, 'GET', `/v1/vector_stores/${made.id}`)).status).toBe(404);
  });
});
