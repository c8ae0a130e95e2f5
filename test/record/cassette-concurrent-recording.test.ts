import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCassette } from '../../src/record/index.js';
import { cassetteServer, chunksOf, tempDir } from './helpers/cassette-server.js';
import { type FakeUpstream, startFakeUpstream } from './helpers/fake-upstream.js';

describe('recording parallel requests', () => {
  const dir = tempDir();
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startFakeUpstream({ gapMs: 2 });
  });
  afterAll(() => upstream.close());

  it('keeps every interaction, streams included, when they complete in any order', async () => {
    const recorder = await cassetteServer({
      dir,
      cassette: 'parallel',
      mode: 'record',
      upstream: upstream.url,
    });
    const prompts = Array.from({ length: 24 }, (_, i) => `prompt ${i}`);
    await Promise.all(
      prompts.map(async (content, i) => {
        const request = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] };
        if (i % 2)
          await chunksOf(await recorder.client.chat.completions.create({ ...request, stream: true }));
        else await recorder.client.chat.completions.create(request);
      }),
    );
    await recorder.close();
    const cassette = (await readCassette(join(dir, 'parallel.json')))!;
    const seen = cassette.interactions.map(
      (i) => (i.request.body as { json: { messages: Array<{ content: string }> } }).json.messages[0]!.content,
    );
    expect(seen.sort()).toEqual([...prompts].sort());
    expect(cassette.interactions.filter((i) => i.response.body && 'sse' in i.response.body)).toHaveLength(12);
  });

  it('saves a recording whose stream is still running when the engine closes', async () => {
    const recorder = await cassetteServer({
      dir,
      cassette: 'closing',
      mode: 'record',
      upstream: upstream.url,
    });
    const stream = await recorder.client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'a longer answer than usual' }],
      stream: true,
    });
    const iterator = stream[Symbol.asyncIterator]();
    await iterator.next();
    await iterator.return?.();
    await recorder.close();
    const cassette = (await readCassette(join(dir, 'closing.json')))!;
    const body = cassette.interactions[0]!.response.body!;
    expect('sse' in body && body.end).toBe('done');
    expect('sse' in body && body.sse.at(-1)?.data).toBe('[DONE]');
  });
});
