import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';
import { apiError } from './sdk-responses-helpers.js';

const server = await useMockServer();
const { client } = server;

describe('conversations', () => {
  it('are created with items and metadata, retrieved, updated and deleted', async () => {
    const created = await client.conversations.create({
      metadata: { topic: 'demo' },
      items: [{ type: 'message', role: 'user', content: 'Hello!' }],
    });
    expect(created).toMatchObject({ object: 'conversation', metadata: { topic: 'demo' } });
    expect(created.id).toMatch(/^conv_[0-9a-f]{48}$/);
    expect(await client.conversations.retrieve(created.id)).toEqual(created);
    const updated = await client.conversations.update(created.id, { metadata: { topic: 'changed' } });
    expect(updated.metadata).toEqual({ topic: 'changed' });
    expect(await client.conversations.delete(created.id)).toEqual({
      id: created.id,
      object: 'conversation.deleted',
      deleted: true,
    });
    const gone = await apiError(client.conversations.retrieve(created.id));
    expect(gone.status).toBe(404);
    expect((gone.error as { message: string }).message).toBe(
      `Conversation with id '${created.id}' not found.`,
    );
  });

  it('collect the turns of responses created in them, which see the earlier turns', async () => {
    const conversation = await client.conversations.create({});
    const first = await client.responses.create({
      model: 'gpt-4o',
      conversation: conversation.id,
      input: 'Name a Danish city',
    });
    expect(first.conversation).toEqual({ id: conversation.id });
    const second = await client.responses.create({
      model: 'gpt-4o',
      conversation: { id: conversation.id },
      input: 'How big is it?',
    });
    expect(second.usage!.input_tokens).toBeGreaterThan(
      first.usage!.input_tokens + first.usage!.output_tokens - 10,
    );
    const items = await client.conversations.items.list(conversation.id, { order: 'asc' });
    expect(items.data.map((i) => (i.type === 'message' ? i.role : i.type))).toEqual([
      'user',
      'assistant',
      'user',
      'assistant',
    ]);
    expect(items.data[1]!.id).toBe(first.output[0]!.id);
    expect(items.data[3]!.id).toBe(second.output[0]!.id);
  });

  it('refuses a response for a conversation that does not exist', async () => {
    const error = await apiError(
      client.responses.create({ model: 'gpt-4o', conversation: 'conv_missing', input: 'hi' }),
    );
    expect(error.status).toBe(404);
  });
});

describe('conversation items', () => {
  it('are added, listed newest first with paging, retrieved and deleted', async () => {
    const conversation = await client.conversations.create({});
    const added = await client.conversations.items.create(conversation.id, {
      items: ['one', 'two', 'three'].map((text) => ({
        type: 'message' as const,
        role: 'user' as const,
        content: text,
      })),
    });
    expect(added.data).toHaveLength(3);
    const ids = added.data.map((i) => i.id);
    const page = await client.conversations.items.list(conversation.id, { limit: 2 });
    expect(page.data.map((i) => i.id)).toEqual([ids[2], ids[1]]);
    expect(page.has_more).toBe(true);
    const all = [];
    for await (const item of client.conversations.items.list(conversation.id, { limit: 2 }))
      all.push(item.id);
    expect(all).toEqual([...ids].reverse());

    const one = await client.conversations.items.retrieve(ids[0]!, { conversation_id: conversation.id });
    expect(one).toMatchObject({
      type: 'message',
      role: 'user',
      content: [{ type: 'input_text', text: 'one' }],
    });
    const after = await client.conversations.items.delete(ids[0]!, { conversation_id: conversation.id });
    expect(after.id).toBe(conversation.id);
    const missing = await apiError(
      client.conversations.items.retrieve(ids[0]!, { conversation_id: conversation.id }),
    );
    expect(missing.status).toBe(404);
  });

  it('can be referenced from a response input by id', async () => {
    const conversation = await client.conversations.create({
      items: [{ type: 'message', role: 'user', content: 'Remember Tallinn' }],
    });
    const [item] = (await client.conversations.items.list(conversation.id)).data;
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: [{ type: 'item_reference' as const, id: item!.id! }],
    });
    expect(response.output_text).toContain('Tallinn');
  });
});
