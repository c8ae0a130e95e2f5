import type { ChatCompletionMessageParam, ChatCompletionTool } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';
import { recordingClient } from './sdk-chat-recorder.js';

const server = await useMockServer();
const client = server.client;

const weather: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_weather',
    description: 'Current weather for a city',
    strict: true,
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
      required: ['city', 'unit'],
      additionalProperties: false,
    },
  },
};
const stocks: ChatCompletionTool = {
  type: 'function',
  function: {
    name: 'get_stock_price',
    description: 'Latest price of a stock ticker',
    parameters: {
      type: 'object',
      properties: { ticker: { type: 'string', pattern: '^[A-Z]{1,5}$' } },
      required: ['ticker'],
    },
  },
};

describe('tool calling with the official SDK', () => {
  it('runs a round trip: a call with schema-valid arguments, then an answer that uses the result', async () => {
    const messages: ChatCompletionMessageParam[] = [
      { role: 'user', content: 'What is the weather like in Nairobi today?' },
    ];
    const first = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools: [weather, stocks],
    });
    const choice = first.choices[0]!;
    expect(choice.finish_reason).toBe('tool_calls');
    expect(choice.message.content).toBeNull();
    const [call] = choice.message.tool_calls!;
    expect(call).toMatchObject({
      type: 'function',
      id: expect.stringMatching(/^call_[A-Za-z0-9]{24}$/),
      function: { name: 'get_weather' },
    });
    const args = JSON.parse((call as { function: { arguments: string } }).function.arguments);
    expect(args).toEqual({ city: 'Nairobi', unit: expect.stringMatching(/^(celsius|fahrenheit)$/) });

    messages.push(choice.message, {
      role: 'tool',
      tool_call_id: call!.id,
      content: JSON.stringify({ temperature: 24, conditions: 'light rain' }),
    });
    const second = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools: [weather, stocks],
    });
    expect(second.choices[0]!.finish_reason).toBe('stop');
    expect(second.choices[0]!.message.content).toContain('light rain');
    expect(second.choices[0]!.message.content).toContain('24');
  });

  it('completes a runTools loop: the helper calls our function and gets a final answer', async () => {
    const rec = recordingClient(server.url);
    const seen: unknown[] = [];
    const runner = rec.client.chat.completions.runTools({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'How is the weather in Toronto?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: weather.type === 'function' ? weather.function.parameters! : {},
            parse: JSON.parse,
            function: (args: unknown) => {
              seen.push(args);
              return { temperature: -3, conditions: 'snow' };
            },
          },
        },
      ],
    });
    const answer = await runner.finalContent();
    await rec.expectValidStreams(2);
    expect(seen).toEqual([expect.objectContaining({ city: 'Toronto' })]);
    expect(answer).toContain('snow');
  });

  it('honours tool_choice none, required and a named function', async () => {
    const ask = [{ role: 'user' as const, content: 'Tell me a story' }];
    const none = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: ask,
      tools: [weather],
      tool_choice: 'none',
    });
    expect(none.choices[0]!.message.tool_calls).toBeUndefined();
    expect(none.choices[0]!.finish_reason).toBe('stop');
    const required = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: ask,
      tools: [weather],
      tool_choice: 'required',
    });
    expect(required.choices[0]!.finish_reason).toBe('tool_calls');
    const named = await client.chat.completions.create({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Weather in Paris?' }],
      tools: [weather, stocks],
      tool_choice: { type: 'function', function: { name: 'get_stock_price' } },
    });
    const call = named.choices[0]!.message.tool_calls![0] as {
      function: { name: string; arguments: string };
    };
    expect(call.function.name).toBe('get_stock_price');
    expect(JSON.parse(call.function.arguments).ticker).toMatch(/^[A-Z]{1,5}$/);
  });

  it('makes parallel calls when asked for two things, and one call when parallel_tool_calls is false', async () => {
    const messages = [
      { role: 'user' as const, content: 'Give me the weather in Lima and the stock price of ACME' },
    ];
    const parallel = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools: [weather, stocks],
    });
    const names = parallel.choices[0]!.message.tool_calls!.map(
      (c) => (c as { function: { name: string } }).function.name,
    );
    expect(names.sort()).toEqual(['get_stock_price', 'get_weather']);
    const single = await client.chat.completions.create({
      model: 'gpt-4o',
      messages,
      tools: [weather, stocks],
      parallel_tool_calls: false,
    });
    expect(single.choices[0]!.message.tool_calls).toHaveLength(1);
  });
});
