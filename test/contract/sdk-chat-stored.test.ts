import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = server.client;

const create = (content: string, metadata?: Record<string, string>, store = true) =>
  client.chat.completions.create({
    model: 'gpt-4o-mini',
    store,
    messages: [{ role: 'user', content }],
    ...(metadata && { metadata }),
  });

describe('stored chat completions with the official SDK', () => {
  it('retrieves a stored completion with its metadata, and never one created without store', async () => {
    const stored = await create('Remember this', { topic: 'memory' });
    const fetched = await client.chat.completions.retrieve(stored.id);
    expect(fetched).toMatchObject({ id: stored.id, choices: stored.choices, metadata: { topic: 'memory' } });
    const unstored = await create('Forget this', undefined, false);
    const error = await client.chat.completions.retrieve(unstored.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('lists with a metadata filter and pages through with the SDK iterator', async () => {
    for (let i = 0; i < 5; i++)
      await create(`Question ${i}`, { suite: 'paging', parity: i % 2 ? 'odd' : 'even' });
    await create('Elsewhere', { suite: 'other' });
    const even = await client.chat.completions.list({ metadata: { suite: 'paging', parity: 'even' } });
    expect(even.data).toHaveLength(3);
    const ids: string[] = [];
    for await (const completion of client.chat.completions.list({ metadata: { suite: 'paging' }, limit: 2 }))
      ids.push(completion.id);
    expect(ids).toHaveLength(5);
    const firstPage = await client.chat.completions.list({
      metadata: { suite: 'paging' },
      limit: 2,
      order: 'desc',
    });
    expect(firstPage.data.map((c) => c.id)).toEqual(ids.slice(-2).reverse());
    expect(firstPage.has_more).toBe(true);
  });

  it('updates metadata, lists the request messages, and deletes', async () => {
    const stored = await client.chat.completions.create({
      model: 'gpt-4o',
      store: true,
      messages: [
        { role: 'developer', content: 'Be brief.' },
        { role: 'user', content: [{ type: 'text', text: 'Summarise the news' }] },
      ],
    });
    const updated = await client.chat.completions.update(stored.id, { metadata: { reviewed: 'yes' } });
    expect((updated as { metadata?: unknown }).metadata).toEqual({ reviewed: 'yes' });

    const page = await client.chat.completions.messages.list(stored.id);
    expect(page.data.map((m) => [m.id, m.content])).toEqual([
      [`${stored.id}-0`, 'Be brief.'],
      [`${stored.id}-1`, 'Summarise the news'],
    ]);
    expect(page.data[1]!.content_parts).toEqual([{ type: 'text', text: 'Summarise the news' }]);
    expect(page.data.map((m) => m.role as string)).toEqual(['developer', 'user']);
    // The document types a stored message's role as 'assistant' only; src/contract/errata.ts corrects it.
    expect(server.journal.entries().flatMap((e) => e.validation)).toEqual([]);

    const deleted = await client.chat.completions.delete(stored.id);
    expect(deleted).toEqual({ object: 'chat.completion.deleted', id: stored.id, deleted: true });
    await expect(client.chat.completions.retrieve(stored.id)).rejects.toBeInstanceOf(OpenAI.NotFoundError);
  });

  it('stores a streamed completion too', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o',
      store: true,
      stream: true,
      messages: [{ role: 'user', content: 'Streamed and kept' }],
    });
    let id = '';
    let text = '';
    for await (const chunk of stream) {
      id = chunk.id;
      text += chunk.choices[0]?.delta.content ?? '';
    }
    const fetched = await client.chat.completions.retrieve(id);
    expect(fetched.choices[0]!.message.content).toBe(text);
  });
});
