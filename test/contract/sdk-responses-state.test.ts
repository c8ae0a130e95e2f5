import type { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';
import { apiError } from './sdk-responses-helpers.js';

const server = await useMockServer();
const { client } = server;

const bodyOf = (e: APIError) => e.error as { message: string; param: string | null; code: string | null };

describe('stored responses', () => {
  it('retrieves a response as it was created, then deletes it for good', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Name a river in Peru' });
    const retrieved = await client.responses.retrieve(created.id);
    expect(retrieved).toEqual(created);
    // The SDK types the answer as void; the body is the usual deletion object.
    expect(await client.responses.delete(created.id)).toEqual({
      id: created.id,
      object: 'response',
      deleted: true,
    });
    const gone = await apiError(client.responses.retrieve(created.id));
    expect(gone.status).toBe(404);
    expect(bodyOf(gone).message).toBe(`Response with id '${created.id}' not found.`);
    expect((await apiError(client.responses.delete(created.id))).status).toBe(404);
  });

  it('keeps nothing with store: false, so the response can be neither retrieved nor continued', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Hi', store: false });
    expect((created as unknown as { store: boolean }).store).toBe(false);
    expect((await apiError(client.responses.retrieve(created.id))).status).toBe(404);
    const chained = await apiError(
      client.responses.create({ model: 'gpt-4o', input: 'Again', previous_response_id: created.id }),
    );
    expect(chained.status).toBe(400);
    expect(bodyOf(chained)).toMatchObject({
      message: `Previous response with id '${created.id}' not found.`,
      param: 'previous_response_id',
      code: 'previous_response_not_found',
    });
  });
});

describe('previous_response_id chains', () => {
  it('counts earlier turns as context and lists them among the input items, newest first', async () => {
    const first = await client.responses.create({
      model: 'gpt-4o',
      instructions: 'Be brief.',
      input: 'Name three Greek islands',
    });
    const second = await client.responses.create({
      model: 'gpt-4o',
      previous_response_id: first.id,
      input: 'Which is largest?',
    });
    expect(second.usage!.input_tokens).toBeGreaterThan(
      first.usage!.input_tokens + first.usage!.output_tokens - 10,
    );
    expect(second.instructions).toBeNull(); // instructions are not carried over
    const items = await client.responses.inputItems.list(second.id);
    const listed = items.data.map((i) => [i.type, i.type === 'message' ? i.role : '']);
    expect(listed).toEqual([
      ['message', 'user'],
      ['message', 'assistant'],
      ['message', 'user'],
    ]);
    expect(items.data[1]!.id).toBe(first.output[0]!.id);
    const third = await client.responses.create({
      model: 'gpt-4o',
      previous_response_id: second.id,
      input: 'And the smallest?',
    });
    expect((await client.responses.inputItems.list(third.id)).data).toHaveLength(5);
    expect(third.output_text).not.toBe(second.output_text);
  });

  it('pages input items with limit, after and order', async () => {
    const input = ['one', 'two', 'three', 'four', 'five'].map((w) => ({
      role: 'user' as const,
      content: `Say ${w}`,
    }));
    const response = await client.responses.create({ model: 'gpt-4o', input });
    const page = await client.responses.inputItems.list(response.id, { limit: 2, order: 'asc' });
    expect(page.data.map((i) => i.type === 'message' && (i.content[0] as { text?: string }).text)).toEqual([
      'Say one',
      'Say two',
    ]);
    expect(page.has_more).toBe(true);
    const all = [];
    for await (const item of client.responses.inputItems.list(response.id, { limit: 2 })) all.push(item);
    const ascending = await client.responses.inputItems.list(response.id, { order: 'asc', limit: 100 });
    expect(all.map((i) => i.id)).toEqual(ascending.data.map((i) => i.id).reverse());
    expect(all).toHaveLength(5);
  });

  it('answers an unknown or deleted previous response with previous_response_not_found', async () => {
    const missing = await apiError(
      client.responses.create({ model: 'gpt-4o', input: 'x', previous_response_id: 'resp_missing' }),
    );
    expect(bodyOf(missing).code).toBe('previous_response_not_found');
    const first = await client.responses.create({ model: 'gpt-4o', input: 'x' });
    await client.responses.delete(first.id);
    const deleted = await apiError(
      client.responses.create({ model: 'gpt-4o', input: 'y', previous_response_id: first.id }),
    );
    expect(bodyOf(deleted).message).toBe(`Previous response with id '${first.id}' not found.`);
  });

  it('refuses input beyond the context window, unless truncation auto drops the oldest turns', async () => {
    const long = 'lorem ipsum '.repeat(2400); // ~4,800 tokens; gpt-4 has an 8,192-token window
    const first = await client.responses.create({ model: 'gpt-4', input: long });
    const body = { model: 'gpt-4', previous_response_id: first.id, input: long };
    const error = await apiError(client.responses.create(body));
    expect(bodyOf(error)).toMatchObject({ code: 'context_length_exceeded', param: 'input' });
    const truncated = await client.responses.create({ ...body, truncation: 'auto' });
    expect(truncated.truncation).toBe('auto');
    expect(truncated.usage!.input_tokens).toBeLessThanOrEqual(8192);
  });

  it('refuses previous_response_id together with conversation', async () => {
    const conversation = await client.conversations.create({});
    const first = await client.responses.create({ model: 'gpt-4o', input: 'x' });
    const error = await apiError(
      client.responses.create({
        model: 'gpt-4o',
        input: 'y',
        previous_response_id: first.id,
        conversation: conversation.id,
      }),
    );
    expect(bodyOf(error).message).toContain('Mutually exclusive parameters');
  });
});

describe('responses.inputTokens.count', () => {
  it('reports what create would bill as input, tools, instructions and chain included', async () => {
    const body = {
      model: 'gpt-4o',
      instructions: 'Answer in French.',
      input: 'What is the tallest mountain in the Alps?',
      tools: [
        {
          type: 'function' as const,
          name: 'lookup',
          description: 'Look up a fact',
          strict: true,
          parameters: {
            type: 'object',
            properties: { q: { type: 'string' } },
            required: ['q'],
            additionalProperties: false,
          },
        },
      ],
      tool_choice: 'none' as const,
    };
    const counted = await client.responses.inputTokens.count(body);
    expect(counted.object).toBe('response.input_tokens');
    const created = await client.responses.create(body);
    expect(counted.input_tokens).toBe(created.usage!.input_tokens);
    const follow = { model: 'gpt-4o', previous_response_id: created.id, input: 'And in Norway?' };
    const chained = await client.responses.inputTokens.count(follow);
    expect(chained.input_tokens).toBe((await client.responses.create(follow)).usage!.input_tokens);
  });
});
