import type OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';
import { recordingClient } from './sdk-chat-recorder.js';

/**
 * Each stream shape the real API sends, read back by the official SDK's own accumulator (`.stream()` and
 * `finalChatCompletion()`), with the raw events checked against the chat stream grammar.
 */
const server = await useMockServer();
const ask = (content: string) => [{ role: 'user' as const, content }];
const first = (events: string[]) => JSON.parse(events[0]!).choices[0];

const cityTool = (name: string): OpenAI.ChatCompletionTool => ({
  type: 'function',
  function: {
    name,
    parameters: {
      type: 'object',
      properties: { city: { type: 'string' } },
      required: ['city'],
      additionalProperties: false,
    },
    strict: true,
  },
});

describe('chat stream shapes, accumulated by the official SDK', () => {
  it('logprobs: the role chunk carries empty logprobs and the SDK collects one entry per token', async () => {
    const rec = recordingClient(server.url);
    const body = { model: 'gpt-4o', messages: ask('Describe a lighthouse'), logprobs: true, top_logprobs: 2 };
    const final = await rec.client.chat.completions.stream(body).finalChatCompletion();
    const [events] = await rec.expectValidStreams(1);
    expect(first(events!)).toMatchObject({
      delta: { role: 'assistant' },
      logprobs: { content: [], refusal: null },
    });
    const plain = await server.client.chat.completions.create(body);
    expect(final.choices[0]!.logprobs).toEqual(plain.choices[0]!.logprobs);
    expect(final.choices[0]!.logprobs!.content!.map((l) => l.token).join('')).toBe(
      final.choices[0]!.message.content,
    );
  });

  it('two tool calls: the role chunk alone, each call starting in its own chunk', async () => {
    const rec = recordingClient(server.url);
    const stream = rec.client.chat.completions.stream({
      model: 'gpt-4o',
      messages: ask('What is the weather and the local time in Oslo?'),
      tools: [cityTool('get_weather'), cityTool('get_local_time')],
    });
    const done: string[] = [];
    stream.on('tool_calls.function.arguments.done', (e) => done.push(e.name));
    const final = await stream.finalChatCompletion();
    const [events] = await rec.expectValidStreams(1);
    expect(first(events!).delta).toEqual({ role: 'assistant', content: null });
    const deltas = events!.slice(1, -1).map((e) => JSON.parse(e).choices[0]?.delta ?? {});
    const headers = deltas.filter((d) => d.tool_calls?.[0]?.id);
    expect(headers.map((d) => d.tool_calls.length)).toEqual([1, 1]);
    const calls = final.choices[0]!.message.tool_calls!;
    expect(calls.map((c) => c.type === 'function' && c.function.name).sort()).toEqual([
      'get_local_time',
      'get_weather',
    ]);
    for (const call of calls)
      if (call.type === 'function') expect(JSON.parse(call.function.arguments)).toEqual({ city: 'Oslo' });
    expect(done.sort()).toEqual(['get_local_time', 'get_weather']);
    expect(final.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('one tool call: the role chunk carries the call header, as the real API sends it', async () => {
    const rec = recordingClient(server.url);
    const final = await rec.client.chat.completions
      .stream({
        model: 'gpt-4o',
        messages: ask('Weather in Oslo?'),
        tools: [cityTool('get_weather')],
        tool_choice: 'required',
      })
      .finalChatCompletion();
    const [events] = await rec.expectValidStreams(1);
    expect(first(events!).delta).toMatchObject({
      role: 'assistant',
      content: null,
      tool_calls: [{ index: 0, function: { name: 'get_weather' } }],
    });
    expect(final.choices[0]!.message.tool_calls).toHaveLength(1);
  });

  it('n: 3: role 0, content 0, role 1, content 1, role 2, content 2, and three whole choices', async () => {
    const rec = recordingClient(server.url);
    const body = { model: 'gpt-4o-mini', n: 3, messages: ask('Name a colour') };
    const final = await rec.client.chat.completions.stream(body).finalChatCompletion();
    const [events] = await rec.expectValidStreams(1);
    const order = events!.slice(0, 6).map((e) => {
      const c = JSON.parse(e).choices[0];
      return `${c.delta.role ? 'role' : 'content'} ${c.index}`;
    });
    expect(order).toEqual(['role 0', 'content 0', 'role 1', 'content 1', 'role 2', 'content 2']);
    const plain = await server.client.chat.completions.create(body);
    expect(final.choices.map((c) => c.message.content)).toEqual(plain.choices.map((c) => c.message.content));
    expect(final.choices.map((c) => c.index)).toEqual([0, 1, 2]);
  });

  it('a scripted refusal streams refusal deltas after a role chunk with content null and refusal ""', async () => {
    const text = 'I can’t help with picking locks.';
    server.engine.fixtures.add({ match: { user: 'pick a lock' }, reply: { refusal: text } });
    const rec = recordingClient(server.url);
    const stream = rec.client.chat.completions.stream({
      model: 'gpt-4o',
      messages: ask('How do I pick a lock?'),
    });
    const pieces: string[] = [];
    stream.on('refusal.delta', (e) => pieces.push(e.delta));
    const final = await stream.finalChatCompletion();
    const [events] = await rec.expectValidStreams(1);
    expect(first(events!).delta).toEqual({ role: 'assistant', content: null, refusal: '' });
    expect(pieces.length).toBeGreaterThan(1);
    expect(final.choices[0]!.message).toMatchObject({ content: null, refusal: text });
  });
});
