import type { APIError } from 'openai';
import type { FunctionTool, ResponseFunctionToolCall } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { matchesSchema } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';
import { apiError } from './sdk-responses-helpers.js';

const server = await useMockServer();
const { client } = server;

const weather: FunctionTool = {
  type: 'function',
  name: 'get_weather',
  description: 'Current weather for a city',
  strict: true,
  parameters: {
    type: 'object',
    properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
    required: ['city', 'unit'],
    additionalProperties: false,
  },
};
const stocks: FunctionTool = {
  type: 'function',
  name: 'get_stock_price',
  description: 'Latest stock price for a ticker',
  strict: true,
  parameters: {
    type: 'object',
    properties: { ticker: { type: 'string' } },
    required: ['ticker'],
    additionalProperties: false,
  },
};

const calls = (output: Array<{ type: string }>) =>
  output.filter((o): o is ResponseFunctionToolCall => o.type === 'function_call');

const bodyMessage = (e: APIError) => (e.error as { message?: string } | undefined)?.message;

describe('function tools', () => {
  it('completes a round trip: a schema-valid call, then a message that uses the tool output', async () => {
    const first = await client.responses.create({
      model: 'gpt-4o',
      input: 'What is the weather in Paris?',
      tools: [weather],
    });
    const [call] = calls(first.output);
    expect(call).toMatchObject({ type: 'function_call', name: 'get_weather', status: 'completed' });
    expect(call!.call_id).toMatch(/^call_/);
    expect(call!.id).toMatch(/^fc_/);
    const args = JSON.parse(call!.arguments);
    expect(matchesSchema(args, weather.parameters, () => undefined)).toBe(true);
    expect(args.city).toBe('Paris');
    expect(first.tools[0]).toMatchObject({ type: 'function', name: 'get_weather', strict: true });

    const second = await client.responses.create({
      model: 'gpt-4o',
      previous_response_id: first.id,
      input: [
        {
          type: 'function_call_output',
          call_id: call!.call_id,
          output: JSON.stringify({ temperature: 18, condition: 'drizzle' }),
        },
      ],
      tools: [weather],
    });
    expect(second.output.map((o) => o.type)).toEqual(['message']);
    expect(second.output_text).toContain('drizzle');
    expect(second.previous_response_id).toBe(first.id);
  });

  it('completes a stateless round trip when the caller sends the items back itself', async () => {
    const input = [{ role: 'user' as const, content: 'Weather in Oslo?' }];
    const first = await client.responses.create({
      model: 'gpt-4o-mini',
      input,
      tools: [weather],
      store: false,
    });
    const [call] = calls(first.output);
    const second = await client.responses.create({
      model: 'gpt-4o-mini',
      input: [
        ...input,
        call!,
        { type: 'function_call_output', call_id: call!.call_id, output: 'snow, -3 degrees' },
      ],
      tools: [weather],
      store: false,
    });
    expect(second.output_text).toContain('snow');
  });

  it('honours tool_choice: none answers in text, a named function is called, required forces a call', async () => {
    const none = await client.responses.create({
      model: 'gpt-4o',
      input: 'Weather in Lima?',
      tools: [weather, stocks],
      tool_choice: 'none',
    });
    expect(none.output.map((o) => o.type)).toEqual(['message']);
    const named = await client.responses.create({
      model: 'gpt-4o',
      input: 'Weather in Lima?',
      tools: [weather, stocks],
      tool_choice: { type: 'function', name: 'get_stock_price' },
    });
    expect(calls(named.output).map((c) => c.name)).toEqual(['get_stock_price']);
    const required = await client.responses.create({
      model: 'gpt-4o',
      input: 'Hello!',
      tools: [stocks],
      tool_choice: 'required',
    });
    expect(calls(required.output)).toHaveLength(1);
    const unknown = await apiError(
      client.responses.create({
        model: 'gpt-4o',
        input: 'x',
        tools: [weather],
        tool_choice: { type: 'function', name: 'nope' },
      }),
    );
    expect(unknown.param).toBe('tool_choice');
  });

  it('calls several tools at once unless parallel_tool_calls is false', async () => {
    const input = 'What is the weather in Tokyo and the stock price of ACME?';
    const parallel = await client.responses.create({ model: 'gpt-4o', input, tools: [weather, stocks] });
    expect(
      calls(parallel.output)
        .map((c) => c.name)
        .sort(),
    ).toEqual(['get_stock_price', 'get_weather']);
    const single = await client.responses.create({
      model: 'gpt-4o',
      input,
      tools: [weather, stocks],
      parallel_tool_calls: false,
    });
    expect(calls(single.output)).toHaveLength(1);
  });

  it('refuses an output for an unknown call and a turn that leaves a call unanswered', async () => {
    const orphan = await apiError(
      client.responses.create({
        model: 'gpt-4o',
        input: [{ type: 'function_call_output', call_id: 'call_missing', output: 'x' }],
      }),
    );
    expect(bodyMessage(orphan)).toBe(
      'No tool call found for function call output with call_id call_missing.',
    );
    const first = await client.responses.create({
      model: 'gpt-4o',
      input: 'Weather in Quito?',
      tools: [weather],
    });
    const pending = await apiError(
      client.responses.create({ model: 'gpt-4o', previous_response_id: first.id, input: 'never mind' }),
    );
    expect(bodyMessage(pending)).toBe(
      `No tool output found for function call ${calls(first.output)[0]!.call_id}.`,
    );
  });
});
