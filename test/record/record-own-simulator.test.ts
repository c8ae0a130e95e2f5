import OpenAI, { toFile } from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { type MockServer, startMockServer } from '../../src/server/index.js';
import { cassetteServer, chunksOf, tempDir } from './helpers/cassette-server.js';

/** Our own simulator as the upstream: multipart uploads, binary bodies and Responses streams round-trip too. */
describe('recording our own simulator as the upstream', () => {
  const dir = tempDir();
  let upstream: MockServer;
  beforeAll(async () => {
    upstream = await startMockServer({
      port: 0,
      seed: 9,
      freezeTime: 1700000000,
      warn: () => {},
      requireApiKey: 'sk-own-upstream-0123456789',
    });
  });
  afterAll(() => upstream.close());

  async function session(client: OpenAI) {
    const file = await client.files.create({
      file: await toFile(Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00, 0x01]), 'scan.pdf', {
        type: 'application/pdf',
      }),
      purpose: 'user_data',
    });
    const content = Buffer.from(await (await client.files.content(file.id)).arrayBuffer());
    const events = await chunksOf(
      await client.responses.create({ model: 'gpt-4o-mini', input: 'Say something short', stream: true }),
    );
    return { file, content, events };
  }

  it('replays uploads, downloaded bytes and a Responses stream exactly, offline', async () => {
    const recorder = await cassetteServer({
      dir,
      cassette: 'own',
      mode: 'record',
      upstream: upstream.url,
      apiKey: 'sk-own-upstream-0123456789',
    });
    const client = new OpenAI({ apiKey: 'sk-dummy-000000000', baseURL: recorder.url, maxRetries: 0 });
    const recorded = await session(client);
    await recorder.close();
    expect(recorded.content).toEqual(Buffer.from([0x25, 0x50, 0x44, 0x46, 0xff, 0x00, 0x01]));
    expect(recorded.events.at(-1)?.type).toBe('response.completed');

    const replayer = await cassetteServer({ dir, cassette: 'own', mode: 'replay' });
    const replayed = await session(
      new OpenAI({ apiKey: 'sk-other-000000000', baseURL: replayer.url, maxRetries: 0 }),
    );
    const sources = replayer.journal.entries().map((e) => e.source);
    await replayer.close();
    expect(replayed).toEqual(recorded);
    expect(sources).toEqual(['cassette', 'cassette', 'cassette']);
  });
});
