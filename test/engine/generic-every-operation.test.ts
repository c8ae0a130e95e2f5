import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { loadContract, type Operation } from '../../src/contract/index.js';
import type { MockRequest, MultipartBody } from '../../src/engine/index.js';
import { createRandom, sampleSchema } from '../../src/fixtures/index.js';
import { simulators } from '../../src/simulators/index.js';

/**
 * The bar the official SDKs' generated test suites set: every operation, called once with only the required
 * parameters and once with all of them, gets an answer valid against the document. Those suites invent their
 * ids (`assistant_id_abc123`), so this runs as they are run: `missingResources: 'generate'`.
 */
const contract = await loadContract();
const engine = buildEngine(contract, {
  seed: 3,
  acceptAnyModel: true,
  checkResponses: true,
  missingResources: 'generate',
});
const simulated = new Set(simulators.map((h) => h.operationId));

const deref = (value: any): any =>
  value && typeof value.$ref === 'string' ? deref(contract.resolveRef(value.$ref)) : value;

function buildRequest(op: Operation, all: boolean): MockRequest {
  const random = createRandom(`${op.id}:${all}`);
  const sample = (schema: unknown) =>
    sampleSchema(schema, {
      random,
      resolveRef: (r) => contract.resolveRef(r),
      optionalProbability: all ? 1 : 0,
      maxDepth: all ? 4 : 2,
    });
  let path = op.path;
  for (const name of op.pathParams) path = path.replace(`{${name}}`, `${name}_abc123`);
  const query: Record<string, string> = { ...op.queryMatch };
  for (const p of op.queryParams) {
    if (!p.required && !all) continue;
    const v = sample(p.schema);
    if (v === undefined || v === null || typeof v === 'object') continue;
    query[p.name] = String(v);
  }
  const request: MockRequest = { method: op.method, path: `/v1${path}`, query, headers: {} };
  const body = deref(deref(contract.resolveRef(`#${op.pointer}`))?.requestBody);
  const content = body?.content ?? {};
  if (content['application/json']) {
    request.headers['content-type'] = 'application/json';
    request.body = sample(content['application/json'].schema);
    // The SDK tests stream only in their streaming variants.
    if (request.body && typeof request.body === 'object' && 'stream' in request.body)
      (request.body as { stream?: unknown }).stream = false;
  } else if (content['multipart/form-data']) {
    request.headers['content-type'] = 'multipart/form-data; boundary=x';
    request.body = toMultipart(
      sample(content['multipart/form-data'].schema),
      deref(content['multipart/form-data'].schema),
    );
  }
  return request;
}

function toMultipart(value: unknown, schema: any): MultipartBody {
  const body: MultipartBody = { kind: 'multipart', fields: {}, files: {} };
  for (const [k, v] of Object.entries((value ?? {}) as Record<string, unknown>)) {
    const prop = deref(schema?.properties?.[k]);
    const binary =
      prop?.format === 'binary' || deref(prop?.items)?.format === 'binary' || prop?.contentMediaType;
    if (binary)
      body.files[k] = [
        { filename: `${k}.bin`, contentType: 'application/octet-stream', data: new Uint8Array([1, 2, 3]) },
      ];
    else addField(body, k, v);
  }
  return body;
}

/** Nested values in the bracket notation the SDKs use for multipart (`a[b]=1`, `a[]=x`). */
function addField(body: MultipartBody, key: string, value: unknown): void {
  if (Array.isArray(value)) for (const item of value) addField(body, `${key}[]`, item);
  else if (value && typeof value === 'object')
    for (const [k, v] of Object.entries(value)) addField(body, `${key}[${k}]`, v);
  else {
    const prev = body.fields[key];
    const s = String(value);
    body.fields[key] = prev === undefined ? s : [...(Array.isArray(prev) ? prev : [prev]), s];
  }
}

describe('every operation of the document', () => {
  it('has 288 operations', () => {
    expect(contract.operations).toHaveLength(288);
  });

  for (const all of [false, true]) {
    it(`answers every generic operation schema-valid, with ${all ? 'all' : 'only the required'} parameters`, async () => {
      const failures: string[] = [];
      for (const op of contract.operations) {
        if (simulated.has(op.id)) continue;
        const request = buildRequest(op, all);
        const before = engine.journal.entries().length;
        const response = await engine.handle(request);
        if (response.body.kind === 'sse') for await (const _ of response.body.events);
        const entry = engine.journal.entries()[before];
        const bad = response.status >= 300 || (entry?.validation.length ?? 0) > 0;
        if (bad) {
          const detail =
            response.body.kind === 'json'
              ? JSON.stringify(response.body.value).slice(0, 200)
              : response.body.kind;
          failures.push(
            `${op.id} ${op.method} ${op.path}: ${response.status} ${detail} ${JSON.stringify(entry?.validation.slice(0, 2))}`,
          );
        }
      }
      expect(failures).toEqual([]);
    });
  }

  it('echoes path parameters into the ids they name', async () => {
    const response = await engine.handle({
      method: 'GET',
      path: '/v1/assistants/asst_mine',
      query: {},
      headers: {},
    });
    expect(response.body).toMatchObject({ kind: 'json', value: { id: 'asst_mine', object: 'assistant' } });
  });

  it('gives each object a create makes its own id, even for identical requests', async () => {
    const create = () =>
      engine.handle({
        method: 'POST',
        path: '/v1/assistants',
        query: {},
        headers: { 'content-type': 'application/json' },
        body: { model: 'gpt-4o' },
      });
    const [a, b] = [await create(), await create()];
    const idOf = (r: typeof a) => (r.body.kind === 'json' ? (r.body.value as { id: string }).id : '');
    expect(idOf(a)).toMatch(/^asst_/);
    expect(idOf(a)).not.toBe(idOf(b));
  });

  it('is deterministic by seed and request', async () => {
    const get = async (seed: number) => {
      const e = buildEngine(contract, { seed, freezeTime: 1_700_000_000, missingResources: 'generate' });
      const r = await e.handle({ method: 'GET', path: '/v1/vector_stores/vs_1', query: {}, headers: {} });
      return r.body.kind === 'json' ? r.body.value : undefined;
    };
    expect(await get(1)).toEqual(await get(1));
    expect(await get(1)).not.toEqual(await get(2));
  });

  it('returns bytes of the declared content type for binary operations', async () => {
    const response = await engine.handle({
      method: 'POST',
      path: '/v1/audio/speech',
      query: {},
      headers: { 'content-type': 'application/json' },
      body: { model: 'tts-1', input: 'hello', voice: 'alloy' },
    });
    expect(response.status).toBe(200);
    expect(response.body.kind).toBe('bytes');
  });
});
