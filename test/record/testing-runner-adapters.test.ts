import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import OpenAI from 'openai';
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from 'vitest';
import { useOpenAIMock as useWithJest } from '../../src/testing/jest.js';
import { useOpenAIMock } from '../../src/testing/vitest.js';
import { tempDir } from './helpers/cassette-server.js';
import { startFakeUpstream, UPSTREAM_KEY } from './helpers/fake-upstream.js';

const suite = fileURLToPath(new URL('./fixtures/node-test-suite.ts', import.meta.url));

async function nodeTest(env: Record<string, string>) {
  const child = spawn(process.execPath, ['--import', 'tsx', '--test', suite], {
    stdio: ['ignore', 'pipe', 'pipe'],
    env: { ...process.env, OPENAI_MOCK_CASSETTE_MODE: '', ...env },
  });
  let out = '';
  child.stdout.on('data', (d) => (out += d));
  child.stderr.on('data', (d) => (out += d));
  const [code] = await once(child, 'exit');
  return { code: code as number, out };
}

describe('the node:test adapter', () => {
  const dir = tempDir();

  it('records a cassette per test, then replays it offline and fails the test whose request has no recording', async () => {
    const upstream = await startFakeUpstream({ gapMs: 1 });
    const recorded = await nodeTest({
      CASSETTE_DIR: dir,
      CASSETTE_MODE: 'record',
      UPSTREAM: upstream.url,
      UPSTREAM_KEY,
      KEY: 'sk-dummy-000000000',
    });
    await upstream.close();
    expect(recorded.code, recorded.out).toBe(0);
    expect(existsSync(join(dir, 'node-test-suite', 'says-hello.json'))).toBe(true);
    const replayed = await nodeTest({
      CASSETTE_DIR: dir,
      CASSETTE_MODE: 'replay',
      KEY: 'sk-offline-000000000',
    });
    expect(replayed.code, replayed.out).toBe(1);
    expect(replayed.out).toMatch(/# pass 1\b/);
    expect(replayed.out).toMatch(/# fail 1\b/);
    expect(replayed.out).toMatch(/no recording for GET \/v1\/models in cassette .*asks-something-new\.json/);
  }, 60_000);
});

describe('the jest adapter, on jest-compatible globals', () => {
  const mock = useWithJest(
    { seed: 5, warn: () => {} },
    { beforeAll, beforeEach, afterEach, afterAll, expect },
  );

  it('starts the mock and resets it before each test', async () => {
    const client = new OpenAI({ apiKey: 'sk-jest-0000000000', baseURL: mock.url, maxRetries: 0 });
    await client.models.list();
    expect(mock.engine.journal.entries()).toHaveLength(1);
  });

  it('leaves the next test a clean journal', () => {
    expect(mock.engine.journal.entries()).toEqual([]);
  });

  it('refuses to run without jest globals', () => {
    expect(() => useWithJest({}, {} as never)).toThrow(/no jest globals/);
  });
});

describe('the msw door under the vitest adapter', () => {
  const mock = useOpenAIMock({ door: 'msw', seed: 5, warn: () => {} });

  it('intercepts the default base URL so new OpenAI() works unchanged', async () => {
    expect(mock.url).toBe('https://api.openai.com/v1');
    const models = await new OpenAI({
      apiKey: 'sk-msw-0000000000',
      baseURL: 'https://api.openai.com/v1',
      maxRetries: 0,
    }).models.list();
    expect(models.data.length).toBeGreaterThan(0);
  });
});

describe('the nock door under the vitest adapter', () => {
  const mock = useOpenAIMock({
    door: 'nock',
    baseURL: 'https://nock-adapter.example/v1',
    seed: 5,
    warn: () => {},
  });

  it('intercepts the given base URL', async () => {
    const models = await new OpenAI({
      apiKey: 'sk-nock-0000000000',
      baseURL: mock.url,
      maxRetries: 0,
    }).models.list();
    expect(models.data.length).toBeGreaterThan(0);
    expect(mock.engine.journal.entries()[0]?.path).toBe('/v1/models');
  });
});
