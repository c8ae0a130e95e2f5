import { once } from 'node:events';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createEngine } from '../../src/compose.js';
import {
  cachedSpecPath,
  fetchSpec,
  loadContract,
  locateSpec,
  PINNED_SPEC_REF,
  SpecInvalidError,
  specCacheDir,
} from '../../src/contract/index.js';
import { startMockServer } from '../../src/server/index.js';

const realDocument = readFileSync(locateSpec({ env: {} }).path);
const tinyDoc = JSON.stringify({
  openapi: '3.1.0',
  info: { title: 'tiny', version: '9.9.9' },
  paths: { '/ping': { get: { operationId: 'ping', responses: { '200': { description: 'ok' } } } } },
});

/** Stands in for raw.githubusercontent.com: `/<ref>/openapi.json`. */
let source: string;
const requested: string[] = [];
const server = createServer((req, res) => {
  requested.push(req.url ?? '');
  const body =
    req.url === `/${PINNED_SPEC_REF}/openapi.json`
      ? realDocument
      : req.url === '/tiny/openapi.json'
        ? tinyDoc
        : req.url === '/tampered/openapi.json' || req.url === '/broken/openapi.json'
          ? '{ "openapi": '
          : undefined;
  if (body === undefined) return void res.writeHead(404).end('404: Not Found');
  res.writeHead(200, { 'content-type': 'text/plain' }).end(body);
});
const dir = mkdtempSync(join(tmpdir(), 'openai-mock-spec-cache-'));
beforeAll(async () => {
  server.listen(0, '127.0.0.1');
  await once(server, 'listening');
  source = `http://127.0.0.1:${(server.address() as AddressInfo).port}`;
});
afterAll(() => {
  server.close();
  rmSync(dir, { recursive: true, force: true });
});

describe('the user cache', () => {
  it('is $OPENAI_MOCK_SPEC_CACHE, else $XDG_CACHE_HOME/openai-mock, else ~/.cache/openai-mock', () => {
    expect(specCacheDir({ OPENAI_MOCK_SPEC_CACHE: '/x/y' })).toBe('/x/y');
    expect(specCacheDir({ XDG_CACHE_HOME: '/xdg' })).toBe('/xdg/openai-mock');
    expect(specCacheDir({})).toMatch(/[/\\]\.cache[/\\]openai-mock$/);
  });
});

describe('fetchSpec', () => {
  it('downloads the pinned ref, checks it, and keeps it where the default search finds it', async () => {
    const env = { OPENAI_MOCK_SPEC_CACHE: join(dir, 'pinned') };
    const fetched = await fetchSpec({ source, env });
    expect(requested.at(-1)).toBe(`/${PINNED_SPEC_REF}/openapi.json`);
    expect(fetched).toMatchObject({ path: cachedSpecPath(env), version: '2.3.0', operations: 288 });
    expect(readFileSync(fetched.path).equals(realDocument)).toBe(true);
    // No ../shared beside this root: the cache is where the document is found, offline.
    const located = locateSpec({ env, root: join(dir, 'no-project', 'root') });
    expect(located).toMatchObject({ path: fetched.path, source: 'default' });
    const contract = await loadContract({ env, root: join(dir, 'no-project', 'root'), cacheDir: false });
    expect(contract.operations).toHaveLength(288);
  });

  it('takes another ref', async () => {
    const env = { OPENAI_MOCK_SPEC_CACHE: join(dir, 'tiny') };
    expect(await fetchSpec({ source, env, ref: 'tiny' })).toMatchObject({ version: '9.9.9', operations: 1 });
  });

  it('refuses bytes that do not parse, or a pinned ref whose checksum differs, and keeps nothing', async () => {
    const env = { OPENAI_MOCK_SPEC_CACHE: join(dir, 'broken') };
    await expect(fetchSpec({ source, env, ref: 'broken' })).rejects.toThrow(
      /broken\/openapi\.json: it is not valid JSON/,
    );
    await expect(fetchSpec({ source, env, ref: 'nope' })).rejects.toThrow(
      /nope\/openapi\.json: the server answered 404/,
    );
    await expect(fetchSpec({ source: 'http://127.0.0.1:9', env })).rejects.toBeInstanceOf(SpecInvalidError);
    expect(existsSync(cachedSpecPath(env))).toBe(false);
  });
});

describe('a URL as the document', () => {
  it('serves with --spec / spec: an http(s) URL, validating as with a file', async () => {
    await using mock = await startMockServer({ port: 0, spec: `${source}/${PINNED_SPEC_REF}/openapi.json` });
    expect(mock.engine.contract?.path).toBe(`${source}/${PINNED_SPEC_REF}/openapi.json`);
    const client = new OpenAI({ apiKey: 'sk-x', baseURL: mock.url, maxRetries: 0 });
    await expect(
      client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'hi' }],
        n: -1,
      }),
    ).rejects.toMatchObject({ status: 400 });
  });

  it('fails, rather than running without a document, when OPENAI_MOCK_SPEC names nothing', async () => {
    const saved = process.env['OPENAI_MOCK_SPEC'];
    process.env['OPENAI_MOCK_SPEC'] = join(dir, 'nope.json');
    try {
      await expect(createEngine({ warn: () => {} })).rejects.toThrow(
        /no OpenAPI document at .*nope\.json \(given by OPENAI_MOCK_SPEC\)\. Check the path or URL, or unset OPENAI_MOCK_SPEC/,
      );
    } finally {
      if (saved === undefined) delete process.env['OPENAI_MOCK_SPEC'];
      else process.env['OPENAI_MOCK_SPEC'] = saved;
    }
  });
});
