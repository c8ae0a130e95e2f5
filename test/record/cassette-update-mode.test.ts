import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCassette, writeCassette } from '../../src/record/index.js';
import { cassetteServer, tempDir } from './helpers/cassette-server.js';
import { type FakeUpstream, startFakeUpstream } from './helpers/fake-upstream.js';

const ask = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] });
const contents = async (path: string) =>
  (await readCassette(path))!.interactions.map((i) =>
    i.request.body && 'json' in i.request.body
      ? (i.request.body.json as { messages?: Array<{ content: string }> }).messages?.[0]?.content
      : i.request.path,
  );

describe('update mode', () => {
  const dir = tempDir();
  let upstream: FakeUpstream;
  beforeAll(async () => {
    upstream = await startFakeUpstream();
    const recorder = await cassetteServer({
      dir,
      cassette: 'update',
      mode: 'record',
      upstream: upstream.url,
    });
    await recorder.client.chat.completions.create(ask('one'));
    await recorder.client.chat.completions.create(ask('two'));
    await recorder.close();
    upstream.seen.length = 0;
  });
  afterAll(() => upstream.close());

  it('replays hits, records only the missing interactions and keeps the old ones', async () => {
    const updater = await cassetteServer({ dir, cassette: 'update', mode: 'update', upstream: upstream.url });
    await updater.client.chat.completions.create(ask('one'));
    await updater.client.chat.completions.create(ask('three'));
    await updater.client.chat.completions.create(ask('two'));
    const sources = updater.journal.entries().map((e) => e.source);
    await updater.close();
    expect(sources).toEqual(['cassette', 'upstream', 'cassette']);
    expect(upstream.seen).toEqual(['POST /v1/chat/completions']);
    expect(await contents(join(dir, 'update.json'))).toEqual(['one', 'two', 'three']);
  });

  it('records a repeat of an identical request once the recorded ones are used up', async () => {
    upstream.seen.length = 0;
    const updater = await cassetteServer({ dir, cassette: 'update', mode: 'update', upstream: upstream.url });
    await updater.client.chat.completions.create(ask('one'));
    await updater.client.chat.completions.create(ask('one'));
    await updater.close();
    expect(upstream.seen).toHaveLength(1);
    expect(await contents(join(dir, 'update.json'))).toEqual(['one', 'two', 'three', 'one']);
  });

  it('writes nothing when nothing was recorded', async () => {
    const before = await readCassette(join(dir, 'update.json'));
    const replayer = await cassetteServer({
      dir,
      cassette: 'update',
      mode: 'update',
      upstream: upstream.url,
    });
    await replayer.client.chat.completions.create(ask('two'));
    expect(await replayer.engine.cassettes.save()).toEqual([]);
    await replayer.close();
    expect(await readCassette(join(dir, 'update.json'))).toEqual(before);
  });

  it('keeps an older document stamp when adding to a cassette, so it stays flagged as stale', async () => {
    const path = join(dir, 'update.json');
    const old = (await readCassette(path))!;
    await writeCassette(path, {
      ...old,
      meta: { ...old.meta, spec: { version: '1.0.0', hash: 'a'.repeat(64) } },
    });
    const updater = await cassetteServer({ dir, cassette: 'update', mode: 'update', upstream: upstream.url });
    await updater.client.chat.completions.create(ask('four'));
    await updater.close();
    const updated = (await readCassette(path))!;
    expect(updated.meta.spec).toEqual({ version: '1.0.0', hash: 'a'.repeat(64) });
    expect(updated.interactions).toHaveLength(old.interactions.length + 1);
  });
});
