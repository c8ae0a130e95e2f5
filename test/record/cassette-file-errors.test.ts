import { mkdirSync, readdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildEngine } from '../../src/compose.js';
import { CassetteMissError, type CassetteOptions } from '../../src/features/cassettes/index.js';
import {
  CASSETTE_ERROR_CODES,
  type Cassette,
  isCassetteError,
  parseCassette,
  readCassette,
  resolveMode,
  writeCassette,
} from '../../src/record/index.js';
import { tempDir } from './helpers/cassette-server.js';

const minimal: Cassette = {
  version: 1,
  meta: { tool: 'openai-mock', toolVersion: '0.0.0', spec: null },
  interactions: [],
};

describe('bad cassettes and bad options', () => {
  const dir = tempDir();

  it.each([
    ['{"version": 1, "meta": {}, "interactions": [', /not valid JSON/],
    [
      '{"version": 1, "meta": {}, "interactions": [{"request": {"method": "GET", "path": "models", "query": {}, "headers": {}}, "response": {"status": 200, "headers": {}}}]}',
      /\/interactions\/0\/request\/path must be a string starting with '\/'/,
    ],
    [
      '{"version": 1, "meta": {}, "interactions": [{"request": {"method": "GET", "path": "/v1/models", "query": {}, "headers": {}}, "response": {"status": "ok", "headers": {}}}]}',
      /\/interactions\/0\/response\/status must be an integer/,
    ],
    [
      '{"version": 1, "meta": {}, "interactions": [{"request": {"method": "POST", "path": "/v1/x", "query": {}, "headers": {}}, "response": {"status": 200, "headers": {}, "body": {"sse": [{"data": 1}], "end": "done"}}}]}',
      /\/interactions\/0\/response\/body\/sse\/0 must be an object \{ ms, data \}/,
    ],
    ['[]', /expected an object/],
  ])('rejects %s with one line naming the file, the place and the fix', (text, problem) => {
    let error: unknown;
    try {
      parseCassette(text, 'cassettes/broken.json');
    } catch (e) {
      error = e;
    }
    expect(isCassetteError(error)).toBe(true);
    const message = (error as Error).message;
    expect(message.split('\n')).toHaveLength(1);
    expect(message).toContain('cassettes/broken.json');
    expect(message).toMatch(problem);
    expect(message).toMatch(/record again/);
    expect((error as { code: string }).code).toBe(CASSETTE_ERROR_CODES.corrupt);
  });

  it('names a newer format version and says to upgrade', () => {
    expect(() => parseCassette('{"version": 9, "meta": {}, "interactions": []}', 'c.json')).toThrow(
      /format version 9, newer than this openai-mock reads \(1\); upgrade openai-mock/,
    );
  });

  it('refuses to build an engine on a corrupt cassette, and answers a request naming a corrupt one with the file', async () => {
    mkdirSync(join(dir, 'corrupt'), { recursive: true });
    writeFileSync(join(dir, 'corrupt', 'bad.json'), '{"version": 1,');
    expect(() =>
      buildEngine(undefined, {
        features: { cassettes: { dir: join(dir, 'corrupt'), cassette: 'bad', env: {} } },
      }),
    ).toThrow(/cassette .*bad\.json is corrupt: not valid JSON/);
    const engine = buildEngine(undefined, {
      features: { cassettes: { dir: join(dir, 'corrupt'), env: {} } },
    });
    const response = await engine.handle({
      method: 'GET',
      path: '/v1/models',
      query: {},
      headers: { 'x-mock-cassette': 'bad' },
    });
    expect(response.status).toBe(500);
    expect(JSON.stringify(response.body)).toMatch(/cassette .*bad\.json is corrupt: not valid JSON/);
  });

  it.each([
    [
      { mode: 'replay-only' },
      {},
      /cassette mode 'replay-only' is not a mode; use one of replay, record, update, passthrough, replay-or-mock/,
    ],
    [
      { mode: 'replay' },
      { OPENAI_MOCK_CASSETTE_MODE: 'recrod' },
      /OPENAI_MOCK_CASSETTE_MODE 'recrod' is not a mode/,
    ],
    [{ mode: 'record' }, {}, /cassette mode 'record' needs an upstream; pass upstream:/],
  ])('refuses the options %j (env %j) with a one-line reason', (options, env, message) => {
    expect(() =>
      buildEngine(undefined, { features: { cassettes: { ...options, env } as CassetteOptions } }),
    ).toThrow(message);
  });

  it('lets the environment variable override the mode given in code', () => {
    expect(resolveMode('replay', { OPENAI_MOCK_CASSETTE_MODE: 'update' })).toBe('update');
    expect(resolveMode(undefined, {})).toBe('replay');
  });

  it('refuses a cassette name that climbs out of the folder', async () => {
    const engine = buildEngine(undefined, { features: { cassettes: { dir, env: {} } } });
    const response = await engine.handle({
      method: 'GET',
      path: '/v1/models',
      query: {},
      headers: { 'x-mock-cassette': '../../etc/passwd' },
    });
    expect(JSON.stringify(response.body)).toMatch(/may not contain '\.\.'/);
  });

  it('writes atomically, leaving no temporary file behind', async () => {
    const path = join(dir, 'atomic', 'a.json');
    await Promise.all(Array.from({ length: 5 }, () => writeCassette(path, minimal)));
    expect(readdirSync(join(dir, 'atomic'))).toEqual(['a.json']);
    expect(await readCassette(path)).toEqual(minimal);
  });
});

describe('a cassette miss', () => {
  it('carries its toolkit code where isCassetteError finds it', () => {
    const miss = new CassetteMissError({
      method: 'GET',
      path: '/v1/models',
      cassette: 'x.json',
      message: 'no recording',
    });
    expect(miss.code).toBe('OPENAI_MOCK_CASSETTE_MISS');
    expect(isCassetteError(miss)).toBe(true);
    expect(miss.body.error.code).toBe('cassette_miss');
  });
});
