import { describe, expect, it } from 'vitest';
import { buildEngine, type Engine } from '../../src/compose.js';
import type { MockRequest, MockResponse } from '../../src/engine/index.js';

// Without a document: the simulated routes (models) are enough to exercise the admin API.
const make = (features: Record<string, unknown> = {}) => buildEngine(null as never, { features });
const admin = (
  method: string,
  path: string,
  body?: unknown,
  headers: Record<string, string> = {},
): MockRequest => ({
  method,
  path: `/__mock/${path}`,
  query: {},
  headers: { 'content-type': 'application/json', ...headers },
  ...(body !== undefined && { body }),
});
const models = (headers: Record<string, string> = {}): MockRequest => ({
  method: 'GET',
  path: '/v1/models',
  query: {},
  headers,
});
const json = (r: MockResponse) => (r.body as { value: any }).value;
const status = async (engine: Engine, req: MockRequest) => {
  const r = await engine.handle(req);
  return r.connection ?? r.status;
};

describe('the faults admin API', () => {
  it('adds a rule (201 with its id), lists it with counters, and deletes it', async () => {
    const engine = make();
    const created = await engine.handle(
      admin('POST', 'faults', { match: { path: '/models' }, status: 503, times: 1 }),
    );
    expect(created.status).toBe(201);
    const { id } = json(created);
    expect(id).toBe('fault_1');
    await engine.handle(models());
    await engine.handle(models());
    expect(json(await engine.handle(admin('GET', 'faults'))).rules).toMatchObject([
      { id, matched: 2, fired: 1, times: 1 },
    ]);
    expect((await engine.handle(admin('DELETE', `faults/${id}`))).status).toBe(204);
    expect((await engine.handle(admin('DELETE', `faults/${id}`))).status).toBe(404);
  });

  it('adds a list of rules at once', async () => {
    const engine = make();
    const created = await engine.handle(
      admin('POST', 'faults', [{ status: 500 }, { id: 'mine', type: 'reset' }]),
    );
    expect(json(created).ids).toEqual(['fault_1', 'mine']);
  });

  it('answers a bad rule with a 400 that says what is wrong', async () => {
    const engine = make();
    const cases: Array<[unknown, RegExp]> = [
      [{ status: 200 }, /status must be an HTTP error status from 400 to 599/],
      [{ type: 'explode' }, /unknown fault 'explode'/],
      [{ statuss: 500 }, /unknown field 'statuss'/],
      [{ sequence: [429], times: 2 }, /takes neither times nor rate/],
      [{ rate: 2 }, /rate must be a number from 0 to 1/],
      [{ match: { pathh: '/x' } }, /unknown field 'pathh'/],
      [{ kind: 'insufficient_quota', status: 500 }, /sent with status 429, not 500/],
      [{ sequence: ['429; retry-after-ms'] }, /expected key=value/],
      ['nonsense', /unknown fault 'nonsense'/],
      ['toString', /unknown fault 'toString'/],
      ['reset; constructor=1', /unknown fault field 'constructor'/],
    ];
    for (const [rule, message] of cases) {
      const res = await engine.handle(admin('POST', 'faults', rule));
      expect(res.status, JSON.stringify(rule)).toBe(400);
      expect(json(res).error).toMatchObject({
        type: 'invalid_request_error',
        message: expect.stringMatching(message),
      });
    }
    expect(engine.faults.list()).toEqual([]);
  });

  it('scopes a rule to the x-mock-test-id it was posted with, and clears per scope', async () => {
    const engine = make();
    await engine.handle(admin('POST', 'faults', { status: 500 }, { 'x-mock-test-id': 'a' }));
    await engine.handle(admin('POST', 'faults', { status: 502 }, { 'x-mock-test-id': 'b' }));
    expect(await status(engine, models({ 'x-mock-test-id': 'a' }))).toBe(500);
    expect(await status(engine, models({ 'x-mock-test-id': 'b' }))).toBe(502);
    expect(await status(engine, models())).toBe(200);
    const listed = await engine.handle({ ...admin('GET', 'faults'), query: { scope: 'a' } });
    expect(
      json(listed).rules.map((r: { faults: Array<{ status: number }>; scope: string }) => [
        r.scope,
        r.faults[0]?.status,
      ]),
    ).toEqual([['a', 500]]);
    await engine.handle(admin('DELETE', 'faults', undefined, { 'x-mock-test-id': 'a' }));
    expect(await status(engine, models({ 'x-mock-test-id': 'a' }))).toBe(200);
    expect(await status(engine, models({ 'x-mock-test-id': 'b' }))).toBe(502);
    await engine.handle(admin('DELETE', 'faults'));
    expect(await status(engine, models({ 'x-mock-test-id': 'b' }))).toBe(200);
  });

  it('drops runtime rules on reset but keeps config rules, with fresh counters', async () => {
    const engine = make({ faults: { rules: [{ id: 'boot', status: 500, times: 1 }] } });
    engine.faults.add({ status: 503 });
    expect(await status(engine, models())).toBe(500);
    expect(await status(engine, models())).toBe(503);
    await engine.handle(admin('POST', 'reset'));
    expect(engine.faults.list().map((r) => [r.id, r.origin])).toEqual([['boot', 'config']]);
    expect(await status(engine, models())).toBe(500);
    expect(await status(engine, models())).toBe(200);
  });

  it('rejects bad fault options when the engine is built', () => {
    expect(() => make({ faults: { rules: [{ status: 99 }] } })).toThrow(
      /features\.faults\.rules\[0\]: status must be/,
    );
    expect(() => make({ faults: { chaos: 1.5 } })).toThrow(/rate must be a number from 0 to 1/);
    expect(() => make({ faults: { retries: 1 } })).toThrow(/unknown option 'retries'/);
  });
});

describe('the x-mock-fault header', () => {
  it('takes a status, a name with parameters, or JSON', async () => {
    const engine = make();
    const res = await engine.handle(models({ 'x-mock-fault': '429; retry-after-ms=250; should-retry=true' }));
    expect(res.status).toBe(429);
    expect(res.headers).toMatchObject({
      'retry-after-ms': '250',
      'x-should-retry': 'true',
      'x-ratelimit-reset-requests': '250ms',
    });
    expect(json(res).error.message).toMatch(/Please try again in 250ms\./);
    expect(await status(engine, models({ 'x-mock-fault': 'insufficient_quota' }))).toBe(429);
    expect(await status(engine, models({ 'x-mock-fault': '{"status": 409, "message": "busy"}' }))).toBe(409);
    expect(await status(engine, models({ 'x-mock-fault': 'reset' }))).toBe('reset');
    expect(await status(engine, models({ 'x-mock-fault': 'pass' }))).toBe(200);
    expect(engine.journal.entries().map((e) => e.fault?.ruleId ?? null)).toEqual([
      'header',
      'header',
      'header',
      'header',
      null,
    ]);
  });

  it('answers a header it cannot read with a 400 naming it', async () => {
    const engine = make();
    const res = await engine.handle(models({ 'x-mock-fault': 'melt' }));
    expect(res.status).toBe(400);
    expect(json(res).error).toMatchObject({
      param: 'x-mock-fault',
      message: expect.stringMatching(/^x-mock-fault: unknown fault 'melt'; use a status code or one of/),
    });
  });

  it('is ignored when the header option is off', async () => {
    const engine = make({ faults: { header: false } });
    expect(await status(engine, models({ 'x-mock-fault': '500' }))).toBe(200);
  });
});
