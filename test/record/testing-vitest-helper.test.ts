import { existsSync } from 'node:fs';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, describe, expect, it } from 'vitest';
import { readCassette } from '../../src/record/index.js';
import { createOpenAIMockSession, missesMessage } from '../../src/testing/index.js';
import { useOpenAIMock } from '../../src/testing/vitest.js';
import { tempDir } from './helpers/cassette-server.js';
import { startFakeUpstream, UPSTREAM_KEY } from './helpers/fake-upstream.js';

const dir = tempDir();
const upstream = await startFakeUpstream({ gapMs: 1 });
afterAll(() => upstream.close());
const ask = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] });
const FILE = 'testing-vitest-helper.test';

describe('recording', () => {
  const mock = useOpenAIMock({
    cassettes: dir,
    mode: 'record',
    upstream: upstream.url,
    cassetteOptions: { env: {}, apiKey: UPSTREAM_KEY },
    warn: () => {},
  });

  it('points new OpenAI() at the mock through OPENAI_BASE_URL', async () => {
    expect(process.env['OPENAI_BASE_URL']).toBe(mock.url);
    const reply = await new OpenAI({ apiKey: 'sk-dummy-000000000', maxRetries: 0 }).chat.completions.create(
      ask('first test'),
    );
    expect(reply.choices[0]?.message.content).toBe('You said: first test');
  });

  it('gives every test its own cassette and a clean journal', async () => {
    expect(mock.engine.journal.entries()).toEqual([]);
    await new OpenAI({ apiKey: 'sk-dummy-000000000', maxRetries: 0 }).chat.completions.create(
      ask('second test'),
    );
    expect(mock.engine.cassettes.current).toBe(
      join(dir, FILE, 'recording', 'gives-every-test-its-own-cassette-and-a-clean-journal.json'),
    );
  });
});

describe('replaying', () => {
  // Same tests, other describe: map the names back onto the recordings.
  useOpenAIMock({
    cassettes: dir,
    mode: 'replay',
    cassetteOptions: { env: {} },
    cassetteName: ({ name }) => `${FILE}/${name.replace(/^replaying > /, 'recording/')}`,
    warn: () => {},
  });

  it('points new OpenAI() at the mock through OPENAI_BASE_URL', async () => {
    const reply = await new OpenAI({
      apiKey: 'sk-offline-0000000000',
      maxRetries: 0,
    }).chat.completions.create(ask('first test'));
    expect(reply.choices[0]?.message.content).toBe('You said: first test');
  });

  it('wrote one cassette file per test, named after it', async () => {
    const first = (await readCassette(
      join(dir, FILE, 'recording', 'points-new-OpenAI-at-the-mock-through-OPENAI_BASE_URL.json'),
    ))!;
    expect(first.interactions).toHaveLength(1);
    expect(
      existsSync(join(dir, FILE, 'recording', 'gives-every-test-its-own-cassette-and-a-clean-journal.json')),
    ).toBe(true);
  });
});

describe('the session under the adapters', () => {
  it('reports a miss the code under test swallowed, so the adapter can fail the test', async () => {
    const session = createOpenAIMockSession({
      cassettes: dir,
      mode: 'replay',
      cassetteOptions: { env: {} },
      setBaseUrlEnv: false,
      warn: () => {},
    });
    await session.start();
    await session.beginTest({ file: 'x.test.ts', name: 'nothing recorded' });
    await new OpenAI({ apiKey: 'sk-offline-0000000000', baseURL: session.url, maxRetries: 0 }).models
      .list()
      .catch(() => undefined);
    const misses = await session.endTest();
    await session.stop();
    expect(misses).toHaveLength(1);
    expect(missesMessage(misses)).toMatch(
      /1 request had no recording:\n\nopenai-mock: no recording for GET \/v1\/models in cassette .*x\.test\/nothing-recorded\.json/,
    );
  });

  it('says when it is used before it started', () => {
    const session = createOpenAIMockSession();
    expect(() => session.engine).toThrow(/not started yet; use it inside tests or hooks, after beforeAll/);
  });
});

describe('the runner-neutral session', () => {
  it('stops with await using, leaving OPENAI_BASE_URL as it was', async () => {
    const before = process.env['OPENAI_BASE_URL'];
    {
      await using session = createOpenAIMockSession({ warn: () => {} });
      await session.start();
      expect(process.env['OPENAI_BASE_URL']).toBe(session.url);
      expect((await fetch(`${session.url}/models`)).status).toBe(200);
    }
    expect(process.env['OPENAI_BASE_URL']).toBe(before);
  });
});
