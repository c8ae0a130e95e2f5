import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { setupOpenAIMock } from '../../src/server/msw.js';
import { setupOpenAIMockWithNock } from '../../src/server/nock.js';
import { chunksOf, tempDir } from '../record/helpers/cassette-server.js';
import { startFakeUpstream, UPSTREAM_KEY } from '../record/helpers/fake-upstream.js';

const ask = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'in process' }] };
const doors = [
  { name: 'msw', setup: setupOpenAIMock },
  { name: 'nock', setup: setupOpenAIMockWithNock },
];

describe.each(doors)('recording and replaying through $name', ({ name, setup }) => {
  const dir = tempDir();

  it('records past its own interception of the upstream, then replays offline', async () => {
    const upstream = await startFakeUpstream({ gapMs: 1 });
    // The door intercepts the upstream's own address: recording must get past our handler to reach it.
    const recorder = await setup({
      warn: () => {},
      baseURL: upstream.url,
      features: {
        cassettes: { dir, cassette: name, mode: 'record', upstream: upstream.url, apiKey: UPSTREAM_KEY },
      },
    });
    const live = new OpenAI({ apiKey: UPSTREAM_KEY, baseURL: upstream.url, maxRetries: 0 });
    const completion = await live.chat.completions.create(ask);
    const chunks = await chunksOf(await live.chat.completions.create({ ...ask, stream: true }));
    await recorder.close();
    await upstream.close();
    expect(upstream.seen).toEqual(['POST /v1/chat/completions', 'POST /v1/chat/completions']);
    expect(await readFile(join(dir, `${name}.json`), 'utf8')).not.toContain(UPSTREAM_KEY);

    const replayer = await setup({
      warn: () => {},
      features: { cassettes: { dir, cassette: name, mode: 'replay', env: {} } },
    });
    const offline = new OpenAI({ apiKey: 'sk-any-0000000000', maxRetries: 0 });
    expect(await offline.chat.completions.create(ask)).toEqual({
      ...completion,
      system_fingerprint: 'fp_echo sk-[REDACTED]',
    });
    expect(await chunksOf(await offline.chat.completions.create({ ...ask, stream: true }))).toEqual(chunks);
    expect(replayer.engine.journal.entries().map((e) => e.source)).toEqual(['cassette', 'cassette']);
    await replayer.close();
  });
});
