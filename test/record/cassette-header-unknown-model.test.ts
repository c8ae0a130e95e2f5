import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { startMockServer } from '../../src/server/index.js';
import { cassetteServer, tempDir } from './helpers/cassette-server.js';
import { startFakeUpstream, UPSTREAM_KEY } from './helpers/fake-upstream.js';

const FUTURE_MODEL = 'gpt-2031-preview';

describe('a cassette picked per request with x-mock-cassette', () => {
  const dir = tempDir();

  it('replays a recording whose model the catalog lacks (replay comes before the model check)', async () => {
    const upstream = await startFakeUpstream({ gapMs: 1 });
    const recorder = await cassetteServer({
      dir,
      cassette: 'future',
      mode: 'record',
      upstream: upstream.url,
    });
    const recorded = await recorder.client.chat.completions.create({
      model: FUTURE_MODEL,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    await recorder.close();
    await upstream.close();

    // No cassette in use at start, the simulated catalog as it is: only the header picks the cassette.
    await using server = await startMockServer({
      port: 0,
      warn: () => {},
      features: { cassettes: { dir, env: {} } },
    });
    const client = new OpenAI({
      apiKey: UPSTREAM_KEY,
      baseURL: server.url,
      maxRetries: 0,
      defaultHeaders: { 'x-mock-cassette': 'future' },
    });
    const replayed = await client.chat.completions.create({
      model: FUTURE_MODEL,
      messages: [{ role: 'user', content: 'Say hello' }],
    });
    expect(replayed.choices[0]?.message.content).toBe(recorded.choices[0]?.message.content);
    expect(server.journal.entries().at(-1)).toMatchObject({ source: 'cassette', status: 200 });
    expect(server.engine.models.find(FUTURE_MODEL), 'the catalog is left as simulated').toBeUndefined();

    // Without the header the simulator answers, and it does not know the model.
    const plain = new OpenAI({ apiKey: UPSTREAM_KEY, baseURL: server.url, maxRetries: 0 });
    const error = await plain.chat.completions
      .create({ model: FUTURE_MODEL, messages: [{ role: 'user', content: 'Say hello' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });
});
