import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { loadContract, locateSpec, SpecInvalidError, SpecNotFoundError } from '../../src/contract/index.js';

const dir = mkdtempSync(join(tmpdir(), 'openai-mock-contract-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

const tinyDoc = {
  openapi: '3.1.0',
  info: { title: 'tiny', version: '9.9.9' },
  paths: { '/ping': { get: { operationId: 'ping', responses: { '200': { description: 'ok' } } } } },
};

describe('locateSpec', () => {
  it('prefers the option over OPENAI_MOCK_SPEC over the default', () => {
    const env = { OPENAI_MOCK_SPEC: '/from/env.json' };
    expect(locateSpec({ spec: '/from/option.json', env })).toMatchObject({
      path: '/from/option.json',
      source: 'option',
    });
    expect(locateSpec({ env })).toMatchObject({ path: '/from/env.json', source: 'env' });
    expect(locateSpec({ spec: 'https://example.test/openapi.json' }).path).toBe(
      'https://example.test/openapi.json',
    );
    const fallback = locateSpec({ env: {} });
    expect(fallback.source).toBe('default');
    expect(fallback.path).toMatch(/[/\\]shared[/\\]openai-openapi[/\\]openapi\.json$/);
  });

  it('resolves a relative path against the working directory', () => {
    expect(locateSpec({ spec: 'x/openapi.json' }).path).toBe(join(process.cwd(), 'x/openapi.json'));
  });
});

describe('loadContract errors', () => {
  it('names the path, how it was chosen and the fixes when the file is missing', async () => {
    const missing = join(dir, 'nope.json');
    const error = await loadContract({ spec: missing, cacheDir: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecNotFoundError);
    const e = error as SpecNotFoundError;
    expect(e.code).toBe('OPENAI_MOCK_SPEC_NOT_FOUND');
    expect(e.path).toBe(missing);
    expect(e.message).toBe(
      `no OpenAPI document at ${missing} (given by --spec). Check the path or URL, or leave --spec out to use the copy \`npx openai-mock spec fetch\` keeps in your cache.`,
    );
  });

  it('names every place looked at and the one command that fixes it when the default search finds nothing', async () => {
    const env = { OPENAI_MOCK_SPEC_CACHE: join(dir, 'empty-cache') };
    const error = (await loadContract({ env, root: join(dir, 'a', 'b'), cacheDir: false }).catch(
      (e: unknown) => e,
    )) as SpecNotFoundError;
    expect(error.message).toBe(
      `no OpenAPI document found (looked at ${join(dir, 'a', 'shared', 'openai-openapi', 'openapi.json')} and ${join(dir, 'empty-cache', 'openapi.json')}). Download it once with: npx openai-mock spec fetch`,
    );
  });

  it('says the env var chose the path when it did', async () => {
    const missing = join(dir, 'env-missing.json');
    const error = await loadContract({ env: { OPENAI_MOCK_SPEC: missing }, cacheDir: false }).catch(
      (e: unknown) => e,
    );
    expect((error as Error).message).toContain('given by OPENAI_MOCK_SPEC');
  });

  it('reports bad JSON with the parser reason and the file', async () => {
    const bad = join(dir, 'bad.json');
    writeFileSync(bad, '{ "openapi": "3.1.0", ');
    const error = await loadContract({ spec: bad, cacheDir: false }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(SpecInvalidError);
    expect((error as SpecInvalidError).code).toBe('OPENAI_MOCK_SPEC_INVALID');
    expect((error as Error).message).toMatch(/bad\.json: it is not valid JSON \(.+\)/);
  });

  it('rejects a JSON file that is not an OpenAPI document', async () => {
    const other = join(dir, 'other.json');
    writeFileSync(other, '{ "name": "not-openapi" }');
    const error = await loadContract({ spec: other, cacheDir: false }).catch((e: unknown) => e);
    expect((error as Error).message).toContain('not an OpenAPI document');
  });
});

describe('loadContract', () => {
  it('reads a YAML document', async () => {
    const yaml = join(dir, 'tiny.yaml');
    writeFileSync(
      yaml,
      "openapi: 3.1.0\ninfo: { title: tiny, version: 9.9.9 }\npaths:\n  /ping:\n    get:\n      operationId: ping\n      responses: { '200': { description: ok } }\n",
    );
    const contract = await loadContract({ spec: yaml, cacheDir: false });
    expect(contract.version).toBe('9.9.9');
    expect(contract.path).toBe(yaml);
    expect(contract.hash).toMatch(/^[0-9a-f]{64}$/);
    expect(contract.match('GET', '/v1/ping').operation?.id).toBe('ping');
  });

  it('returns the same contract for the same path', async () => {
    const file = join(dir, 'tiny.json');
    writeFileSync(file, JSON.stringify(tinyDoc));
    const a = await loadContract({ spec: file, cacheDir: false });
    const b = await loadContract({ spec: file, cacheDir: false });
    expect(a).toBe(b);
  });
});
