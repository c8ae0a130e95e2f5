import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { readCassette } from '../../src/record/index.js';
import { cassetteServer, chunksOf, tempDir } from './helpers/cassette-server.js';
import { type FakeUpstream, startFakeUpstream, UPSTREAM_KEY, UPSTREAM_ORG } from './helpers/fake-upstream.js';

const ask = (content: string) => ({ model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content }] });

/** One session of calls, run once against the upstream (recording) and once offline (replaying). */
async function session(client: OpenAI) {
  const completion = await client.chat.completions.create(ask('hello there'));
  const chunks = await chunksOf(await client.chat.completions.create({ ...ask('stream me'), stream: true }));
  const models = await client.models.list();
  const limited = await client.chat.completions.create(ask('rate-limit')).catch((e: unknown) => e);
  return { completion, chunks, models: models.data, limited };
}

describe('recording through the server and replaying offline', () => {
  const dir = tempDir();
  let upstream: FakeUpstream;
  let recorded: Awaited<ReturnType<typeof session>>;

  beforeAll(async () => {
    upstream = await startFakeUpstream();
    const recorder = await cassetteServer({
      dir,
      cassette: 'roundtrip',
      mode: 'record',
      upstream: upstream.url,
    });
    recorded = await session(recorder.client);
    await recorder.close();
    await upstream.close();
  });
  afterAll(() => upstream.close());

  it('replays identical bodies, event sequences and errors with the upstream down', async () => {
    const replayer = await cassetteServer({ dir, cassette: 'roundtrip', mode: 'replay' });
    const replayed = await session(replayer.client);
    await replayer.close();
    // The one difference is by design: the key the upstream echoed was redacted before it reached disk.
    expect(replayed.completion).toEqual({
      ...recorded.completion,
      system_fingerprint: 'fp_echo sk-[REDACTED]',
    });
    expect(replayed.chunks).toEqual(recorded.chunks);
    expect(replayed.chunks.map((c) => c.choices[0]?.delta.content ?? '').join('')).toBe(
      'You said: stream me',
    );
    expect(replayed.models).toEqual(recorded.models);
    expect(replayed.limited).toBeInstanceOf(OpenAI.RateLimitError);
    expect((replayed.limited as InstanceType<typeof OpenAI.RateLimitError>).error).toEqual(
      (recorded.limited as InstanceType<typeof OpenAI.RateLimitError>).error,
    );
    expect((replayed.limited as InstanceType<typeof OpenAI.RateLimitError>).headers.get('retry-after')).toBe(
      '1',
    );
  });

  it('notes cassette hits in the journal and checks replayed responses against the document', async () => {
    const replayer = await cassetteServer({ dir, cassette: 'roundtrip', mode: 'replay' });
    await replayer.client.chat.completions.create(ask('hello there'));
    const [entry] = replayer.journal.entries();
    await replayer.close();
    expect(entry).toMatchObject({
      source: 'cassette',
      status: 200,
      operationId: 'createChatCompletion',
      validation: [],
    });
  });

  it('writes no key, organization, cookie or sk- string to the cassette', async () => {
    const text = await readFile(join(dir, 'roundtrip.json'), 'utf8');
    expect(text).not.toContain(UPSTREAM_KEY);
    expect(text).not.toContain(UPSTREAM_ORG);
    expect(text).not.toContain('SecretCookieValue');
    expect(text).not.toContain('proj_SecretProject');
    expect(text).not.toMatch(/sk-(?!\[REDACTED\])/);
    expect(text).toContain('fp_echo sk-[REDACTED]');
  });

  it('stores a versioned, stamped cassette with streams as events and their offsets', async () => {
    const cassette = (await readCassette(join(dir, 'roundtrip.json')))!;
    expect(cassette.version).toBe(1);
    expect(cassette.meta).toMatchObject({
      tool: 'openai-mock',
      toolVersion: expect.any(String),
      spec: { version: expect.any(String), hash: expect.stringMatching(/^[0-9a-f]{64}$/) },
    });
    expect(cassette.interactions).toHaveLength(4);
    const stream = cassette.interactions.find(
      (i) =>
        i.request.body && 'json' in i.request.body && (i.request.body.json as { stream?: boolean }).stream,
    )!;
    const body = stream.response.body!;
    expect('sse' in body && body.end).toBe('done');
    const events = 'sse' in body ? body.sse : [];
    expect(events.at(-1)?.data).toBe('[DONE]');
    expect(events[1]?.data).toMatchObject({ object: 'chat.completion.chunk' });
    const offsets = events.map((e) => e.ms);
    expect(offsets).toEqual([...offsets].sort((a, b) => a - b));
    expect(offsets.at(-1)!).toBeGreaterThan(offsets[0]!);
    expect(stream.request.headers).not.toHaveProperty('authorization');
  });
});
