import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createIdFactory, createRandom } from '../../src/fixtures/index.js';
import { startMockServer } from '../../src/server/index.js';

describe('bounded state', () => {
  it('drops the oldest stored object past the cap; it then answers 404 as an expired one does', async () => {
    await using server = await startMockServer({ port: 0, seed: 1, limits: { storeEntries: 3 } });
    const client = new OpenAI({ apiKey: 'sk-x', baseURL: server.url, maxRetries: 0 });
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const created = await client.chat.completions.create({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: `note ${i}` }],
        store: true,
      });
      ids.push(created.id);
    }
    const gone = await client.chat.completions.retrieve(ids[0]!).catch((e: unknown) => e);
    expect((gone as InstanceType<typeof OpenAI.APIError>).status).toBe(404);
    expect((await client.chat.completions.retrieve(ids[4]!)).id).toBe(ids[4]);
    const listed = await client.chat.completions.list();
    expect(listed.data.map((c) => c.id).sort()).toEqual(ids.slice(2).sort());

    const responses: string[] = [];
    for (let i = 0; i < 4; i++)
      responses.push((await client.responses.create({ model: 'gpt-4o-mini', input: `r ${i}` })).id);
    const expired = await client.responses.retrieve(responses[0]!).catch((e: unknown) => e);
    expect((expired as InstanceType<typeof OpenAI.APIError>).status).toBe(404);
    expect((await client.responses.retrieve(responses[3]!)).id).toBe(responses[3]);
  });

  it('remembers a bounded number of issued ids, and still tells identical requests apart', () => {
    const ids = createIdFactory(100);
    const seen = new Set<string>();
    for (let i = 0; i < 1_000; i++) seen.add(ids.next('chatcmpl', createRandom('same request')));
    expect(seen.size).toBe(1_000);
    expect(ids.size).toBeLessThanOrEqual(100);
  });

  it('keeps a bounded number of rate-limit buckets, one per key', async () => {
    await using server = await startMockServer({
      port: 0,
      limits: { tableEntries: 5 },
      features: { rateLimits: { rpm: 100 } },
    });
    for (let i = 0; i < 20; i++)
      await fetch(`${server.url}/embeddings`, {
        method: 'POST',
        headers: { authorization: `Bearer sk-key-${i}`, 'content-type': 'application/json' },
        body: JSON.stringify({ model: 'text-embedding-3-small', input: 'hi' }),
      });
    const state = (await (await fetch(`${server.origin}/__mock/rate-limits`)).json()) as {
      buckets: unknown[];
    };
    expect(state.buckets.length).toBeLessThanOrEqual(5);
    expect(state.buckets.length).toBeGreaterThan(0);
  });
});
