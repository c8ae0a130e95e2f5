import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();

describe('the admin API', () => {
  it('reports health', async () => {
    const res = await fetch(`${server.origin}/__mock/health`);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ status: 'ok' });
  });

  it('journals each API request with its operation and status, scoped by x-mock-test-id', async () => {
    await fetch(`${server.url}/models`, { headers: { 'x-mock-test-id': 'a' } });
    await fetch(`${server.url}/models/gpt-4o`, { headers: { 'x-mock-test-id': 'b' } });
    await fetch(`${server.url}/models/nope`, { headers: { 'x-mock-test-id': 'b' } });
    const all = (await (await fetch(`${server.origin}/__mock/journal`)).json()) as {
      requests: Array<Record<string, unknown>>;
    };
    expect(all.requests.map((r) => [r['method'], r['path'], r['status'], r['operationId']])).toEqual([
      ['GET', '/v1/models', 200, 'listModels'],
      ['GET', '/v1/models/gpt-4o', 200, 'retrieveModel'],
      ['GET', '/v1/models/nope', 404, 'retrieveModel'],
    ]);
    const b = (await (await fetch(`${server.origin}/__mock/journal?scope=b`)).json()) as {
      requests: unknown[];
    };
    expect(b.requests).toHaveLength(2);
  });

  it('clears the journal on reset', async () => {
    await fetch(`${server.url}/models`);
    const reset = await fetch(`${server.origin}/__mock/reset`, { method: 'POST' });
    expect(reset.status).toBe(204);
    const after = (await (await fetch(`${server.origin}/__mock/journal`)).json()) as { requests: unknown[] };
    expect(after.requests).toEqual([]);
  });

  it('answers an unknown admin route with a 404 that points at the docs', async () => {
    const res = await fetch(`${server.origin}/__mock/nothing`);
    expect(res.status).toBe(404);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(/Admin API/);
  });
});
