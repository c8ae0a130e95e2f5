// The stream helpers and the tool loop against our own server, with the official SDK's helpers as the
// reference where it has them: chat `.stream()` (content, refusal, tool-call arguments, logprobs,
// `finalChatCompletion()`), Responses `.stream()` (typed events with snapshots, `finalResponse()`,
// `output_text`), and `runTools` for chat and Responses driven by scripted tool calls.

import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { APIUserAbortError, OpenAIClient, zodResponseFormat, zodTextFormat } from '../../src/client/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = new OpenAIClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
const sdk = new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });

const weatherTool = {
  type: 'function' as const,
  function: {
    name: 'get_weather',
    description: 'Weather for a city',
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
  },
};

describe('chat.completions.stream()', () => {
  it('accumulates content and usage into the same completion as the official SDK', async () => {
    const params = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Describe a paperclip.' }],
      stream_options: { include_usage: true },
    };
    const stream = client.chat.completions.stream(params);
    const deltas: string[] = [];
    let lastSnapshot = '';
    stream.on('content', (delta, snapshot) => {
      deltas.push(delta);
      lastSnapshot = snapshot;
    });
    let chunks = 0;
    for await (const _ of stream) chunks++;
    const mine = await stream.finalChatCompletion();
    const theirs = await sdk.chat.completions.stream(params).finalChatCompletion();

    expect(chunks).toBeGreaterThan(3);
    expect(mine.choices[0]?.message.content).toBe(deltas.join(''));
    expect(lastSnapshot).toBe(mine.choices[0]?.message.content);
    expect(mine.choices[0]?.message.content).toBe(theirs.choices[0]?.message.content);
    expect(mine.choices[0]?.finish_reason).toBe('stop');
    expect(mine.usage).toEqual(theirs.usage);
    expect(await stream.finalContent()).toBe(mine.choices[0]?.message.content);
  });

  it('accumulates tool-call arguments and reports each call done with parsed arguments', async () => {
    server.engine.fixtures.add({
      match: { tools: ['get_weather'] },
      reply: {
        toolCalls: [
          { name: 'get_weather', arguments: { city: 'Paris' } },
          { name: 'get_weather', arguments: { city: 'Lyon' } },
        ],
      },
    });
    const params = {
      model: 'gpt-4o-mini',
      messages: [{ role: 'user' as const, content: 'Weather in Paris and Lyon?' }],
      tools: [weatherTool],
    };
    const done: unknown[] = [];
    let argumentDeltas = 0;
    const stream = client.chat.completions
      .stream(params)
      .on('tool_calls.function.arguments.delta', () => argumentDeltas++)
      .on('tool_calls.function.arguments.done', (e) => done.push([e.index, e.name, e.parsed_arguments]));
    const mine = await stream.finalChatCompletion();
    const theirs = await sdk.chat.completions.stream(params).finalChatCompletion();

    expect(done).toEqual([
      [0, 'get_weather', { city: 'Paris' }],
      [1, 'get_weather', { city: 'Lyon' }],
    ]);
    expect(argumentDeltas).toBeGreaterThan(2);
    expect(mine.choices[0]?.finish_reason).toBe('tool_calls');
    const calls = (c: typeof mine | typeof theirs) =>
      c.choices[0]?.message.tool_calls?.map((call) => ({
        type: call.type,
        function: (call as { function: { name: string; arguments: string } }).function,
      }));
    expect(calls(mine)).toEqual(calls(theirs));
    expect(mine.choices[0]?.message.tool_calls?.every((call) => call.id.startsWith('call_'))).toBe(true);
    expect(await stream.finalFunctionToolCall()).toEqual({
      name: 'get_weather',
      arguments: '{"city":"Lyon"}',
    });
  });

  it('accumulates logprobs, and a refusal', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Count to three.' }],
      logprobs: true,
      top_logprobs: 2,
    });
    let pieces = 0;
    stream.on('logprobs.content.delta', () => pieces++);
    const completion = await stream.finalChatCompletion();
    const tokens = completion.choices[0]?.logprobs?.content ?? [];
    expect(tokens.length).toBe(pieces);
    expect(tokens.map((t) => t.token).join('')).toBe(completion.choices[0]?.message.content);
    expect(tokens[0]?.top_logprobs).toHaveLength(2);

    server.engine.fixtures.add({
      match: { user: 'forbidden' },
      reply: { refusal: "I can't help with that." },
    });
    const refused = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Something forbidden' }],
    });
    const refusalDone: string[] = [];
    refused.on('refusal.done', (e) => refusalDone.push(e.refusal));
    const message = await refused.finalMessage();
    expect(message.refusal).toBe("I can't help with that.");
    expect(refusalDone).toEqual(["I can't help with that."]);
  });

  it('parses a structured answer with zodResponseFormat', async () => {
    const Answer = z.object({ city: z.string(), celsius: z.number() });
    const completion = await client.chat.completions
      .stream({
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Weather in Paris as JSON.' }],
        response_format: zodResponseFormat(Answer, 'answer'),
      })
      .finalChatCompletion();
    expect(Answer.parse(completion.choices[0]?.message.parsed)).toEqual(
      completion.choices[0]?.message.parsed,
    );
  });

  it('abort() stops the request; done() rejects with APIUserAbortError', async () => {
    const stream = client.chat.completions.stream({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'Write a long story.' }],
    });
    stream.once('content', () => stream.abort());
    await expect(stream.done()).rejects.toBeInstanceOf(APIUserAbortError);
  });
});

describe('responses.stream()', () => {
  it('gives typed events with snapshots and the same finalResponse as the official SDK', async () => {
    const params = { model: 'gpt-4o-mini', input: 'Describe a paperclip.' };
    const stream = client.responses.stream(params);
    const snapshots: string[] = [];
    stream.on('response.output_text.delta', (event) => snapshots.push(event.snapshot ?? ''));
    const types = new Set<string>();
    for await (const event of stream) types.add(event.type);
    const mine = await stream.finalResponse();
    const theirs = await sdk.responses.stream(params).finalResponse();

    expect([...types]).toEqual(expect.arrayContaining(['response.created', 'response.completed']));
    expect(mine.status).toBe('completed');
    expect(mine.output_text.length).toBeGreaterThan(0);
    expect(snapshots.at(-1)).toBe(mine.output_text);
    expect(mine.output_text).toBe(theirs.output_text);
    expect(stream.currentResponseSnapshot?.output).toEqual(mine.output);
  });

  it('accumulates function-call arguments and parses a zodTextFormat answer', async () => {
    server.engine.fixtures.add({
      match: { tools: ['get_weather'] },
      reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    const stream = client.responses.stream({
      model: 'gpt-4o-mini',
      input: 'Weather in Paris?',
      tools: [{ type: 'function', ...weatherTool.function, strict: true }],
    });
    let argumentSnapshot = '';
    stream.on('response.function_call_arguments.delta', (e) => {
      argumentSnapshot = e.snapshot ?? '';
    });
    const response = await stream.finalResponse();
    expect(argumentSnapshot).toBe('{"city":"Paris"}');
    expect(response.output.find((item) => item.type === 'function_call')).toMatchObject({
      arguments: '{"city":"Paris"}',
    });

    const Answer = z.object({ city: z.string(), celsius: z.number() });
    const parsed = await client.responses
      .stream({
        model: 'gpt-4o-mini',
        input: 'Weather as JSON',
        text: { format: zodTextFormat(Answer, 'a') },
      })
      .finalResponse();
    expect(Answer.parse(parsed.output_parsed)).toEqual(parsed.output_parsed);
  });
});

describe('runTools: the tool loop', () => {
  // Rules added at run time are tried newest first: the answer to a tool result goes last.
  const scriptWeather = () => {
    server.engine.fixtures.add({
      match: { user: 'weather', tools: ['get_weather'] },
      reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    server.engine.fixtures.add({
      match: { toolResult: 'get_weather' },
      reply: { text: 'It is 21 °C and sunny in Paris.' },
    });
  };

  it('chat: calls the tool, sends its result, and ends on the answer', async () => {
    scriptWeather();
    const seen: unknown[] = [];
    const runner = client.chat.completions.runTools({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'What is the weather in Paris?' }],
      tools: [
        {
          type: 'function',
          function: {
            ...weatherTool.function,
            function: (args: { city: string }) => {
              seen.push(args);
              return { city: args.city, celsius: 21 };
            },
          },
        },
      ],
    });
    expect(await runner.finalContent()).toBe('It is 21 °C and sunny in Paris.');
    expect(seen).toEqual([{ city: 'Paris' }]);
    expect(runner.steps).toBe(2);
    expect(runner.messages.map((m) => m.role)).toEqual(['user', 'assistant', 'tool', 'assistant']);
    expect(runner.messages[2]).toMatchObject({ content: '{"city":"Paris","celsius":21}' });
    expect((await runner.totalUsage()).total_tokens).toBeGreaterThan(0);
  });

  it('chat: stops at the step limit when the model keeps asking for tools', async () => {
    server.engine.fixtures.add({
      match: { tools: ['get_weather'] },
      reply: { toolCalls: [{ name: 'get_weather', arguments: { city: 'Paris' } }] },
    });
    let calls = 0;
    const runner = client.chat.completions.runTools(
      {
        model: 'gpt-4o-mini',
        messages: [{ role: 'user', content: 'Weather forever' }],
        tools: [{ type: 'function', function: { ...weatherTool.function, function: () => ++calls } }],
      },
      { maxChatCompletions: 1 },
    );
    expect(await runner.finalContent()).toBeNull();
    expect(runner.stoppedAtLimit).toBe(true);
    expect(calls).toBe(0);
    expect(server.journal.entries().filter((e) => e.operationId === 'createChatCompletion')).toHaveLength(1);
  });

  it('Responses: calls the tool, sends a function_call_output, and ends on the answer', async () => {
    scriptWeather();
    const runner = client.responses.runTools({
      model: 'gpt-4o-mini',
      input: 'What is the weather in Paris?',
      store: false,
      tools: [
        {
          type: 'function',
          ...weatherTool.function,
          strict: true,
          function: (args: { city: string }) => `${args.city}: 21 °C`,
        },
      ],
    });
    expect(await runner.finalOutputText()).toBe('It is 21 °C and sunny in Paris.');
    expect(runner.toolCalls).toMatchObject([
      { name: 'get_weather', arguments: '{"city":"Paris"}', output: 'Paris: 21 °C' },
    ]);
    expect(runner.input.map((item) => item.type ?? 'message')).toEqual([
      'message',
      'function_call',
      'function_call_output',
      'message',
    ]);
  });

  it('reports an unknown tool back to the model instead of failing', async () => {
    server.engine.fixtures.add({
      match: { tools: true },
      reply: { toolCalls: [{ name: 'get_time', arguments: {} }] },
    });
    server.engine.fixtures.add({
      match: { toolResult: true },
      reply: { text: 'Sorry, let me answer directly.' },
    });
    const runner = client.chat.completions.runTools({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      tools: [{ type: 'function', function: { ...weatherTool.function, function: () => 'x' } }],
    });
    expect(await runner.finalContent()).toBe('Sorry, let me answer directly.');
    expect(runner.toolCalls[0]?.output).toBe(
      'Invalid tool_call: "get_time". Available options are: "get_weather". Please try again',
    );
  });
});
