import { APIError } from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const { client, engine } = server;

const lookup = {
  type: 'function' as const,
  name: 'lookup_order',
  strict: true,
  parameters: {
    type: 'object',
    properties: { order_id: { type: 'string' } },
    required: ['order_id'],
    additionalProperties: false,
  },
};

describe('one scripted rule answers chat and Responses alike', () => {
  it('gives the same text to a chat completion and a response', async () => {
    engine.fixtures.add({ match: { user: 'capital of France' }, reply: { text: 'Paris.' } });
    const chat = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'The capital of France?' }],
    });
    const response = await client.responses.create({ model: 'gpt-4o', input: 'The capital of France?' });
    expect(chat.choices[0]!.message.content).toBe('Paris.');
    expect(response.output_text).toBe('Paris.');
    expect(response.usage!.output_tokens).toBe(chat.usage!.completion_tokens);
  });

  it('renders scripted tool calls as function_call items with the given arguments and id', async () => {
    engine.fixtures.add({
      match: { tools: 'lookup_order' },
      reply: {
        text: 'Let me check.',
        toolCalls: [{ name: 'lookup_order', arguments: { order_id: 'A-17' }, id: 'call_fixed' }],
      },
    });
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'Where is my order?',
      tools: [lookup],
    });
    expect(response.output.map((o) => o.type)).toEqual(['message', 'function_call']);
    expect(response.output[1]).toMatchObject({
      name: 'lookup_order',
      arguments: '{"order_id":"A-17"}',
      call_id: 'call_fixed',
    });
  });

  it('sees the previous_response_id chain when matching, so a tool result can be answered', async () => {
    engine.fixtures.add({
      match: { toolResult: 'lookup_order' },
      reply: { text: 'Your order ships tomorrow.' },
    });
    const first = await client.responses.create({
      model: 'gpt-4o',
      input: 'Where is order B-2?',
      tools: [lookup],
    });
    const call = first.output.find((o) => o.type === 'function_call')!;
    const second = await client.responses.create({
      model: 'gpt-4o',
      previous_response_id: first.id,
      input: [
        {
          type: 'function_call_output',
          call_id: (call as { call_id: string }).call_id,
          output: '{"eta":"tomorrow"}',
        },
      ],
      tools: [lookup],
    });
    expect(second.output_text).toBe('Your order ships tomorrow.');
  });

  it('uses scripted JSON, reasoning text, usage and errors', async () => {
    engine.fixtures.add([
      { match: { user: 'as json' }, reply: { json: { ok: true } } },
      {
        match: { user: 'think' },
        reply: { text: 'Done.', reasoning: 'First I weigh the options.', usage: { promptTokens: 7 } },
      },
      { match: { user: 'overloaded' }, reply: { error: { status: 503 } } },
    ]);
    expect((await client.responses.create({ model: 'gpt-4o', input: 'reply as json' })).output_text).toBe(
      '{"ok":true}',
    );
    const thought = await client.responses.create({
      model: 'o4-mini',
      input: 'think hard',
      reasoning: { summary: 'auto' },
    });
    expect(thought.output[0]).toMatchObject({
      type: 'reasoning',
      summary: [{ type: 'summary_text', text: 'First I weigh the options.' }],
    });
    expect(thought.usage!.input_tokens).toBe(7);
    expect(thought.usage!.output_tokens_details.reasoning_tokens).toBe(6);
    const error = await client.responses
      .create({ model: 'gpt-4o', input: 'overloaded?' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(APIError);
    expect((error as APIError).status).toBe(503);
  });
});
