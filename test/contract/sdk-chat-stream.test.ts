import type { ChatCompletionChunk } from 'openai/resources/chat/completions';
import { describe, expect, it } from 'vitest';
import { countTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';
import { recordingClient } from './sdk-chat-recorder.js';

const server = await useMockServer();
const prompt = [{ role: 'user' as const, content: 'Explain how tides work near Brittany' }];

describe('streamed chat completions with the official SDK', () => {
  it('streams a role delta, one token per content delta, a finish chunk, the usage chunk and [DONE]', async () => {
    const rec = recordingClient(server.url);
    const stream = await rec.client.chat.completions.create({
      model: 'gpt-4o',
      messages: prompt,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    const [events] = await rec.expectValidStreams(1);
    expect(events!.at(-1)).toBe('[DONE]');

    expect(chunks[0]!.choices[0]!.delta).toEqual({ role: 'assistant', content: '', refusal: null });
    const content = chunks.slice(1, -2).map((c) => c.choices[0]!.delta.content);
    expect(content.every((piece) => typeof piece === 'string' && countTokens(piece, 'gpt-4o') === 1)).toBe(
      true,
    );
    expect(chunks.at(-2)!.choices[0]).toMatchObject({ delta: {}, finish_reason: 'stop' });
    expect(chunks.at(-1)!.choices).toEqual([]);
    expect(chunks.at(-1)!.usage!.completion_tokens).toBe(content.length);
    expect(new Set(chunks.map((c) => c.id)).size).toBe(1);

    const plain = await server.client.chat.completions.create({ model: 'gpt-4o', messages: prompt });
    expect(content.join('')).toBe(plain.choices[0]!.message.content);
    expect(chunks.at(-1)!.usage).toEqual(plain.usage);
  });

  it('builds the same final completion with the .stream() helper', async () => {
    const rec = recordingClient(server.url);
    const stream = rec.client.chat.completions.stream({
      model: 'gpt-4o',
      messages: prompt,
      stream_options: { include_usage: true },
    });
    const deltas: string[] = [];
    stream.on('content', (delta) => deltas.push(delta));
    const final = await stream.finalChatCompletion();
    await rec.expectValidStreams(1);
    const plain = await server.client.chat.completions.create({ model: 'gpt-4o', messages: prompt });
    expect(final.choices[0]!.message.content).toBe(plain.choices[0]!.message.content);
    expect(deltas.join('')).toBe(plain.choices[0]!.message.content);
    expect(final.usage).toEqual(plain.usage);
  });

  it('interleaves n choices, each with its own role (right before its first content) and finish', async () => {
    const rec = recordingClient(server.url);
    const stream = rec.client.chat.completions.stream({ model: 'gpt-4o-mini', n: 2, messages: prompt });
    const final = await stream.finalChatCompletion();
    const [events] = await rec.expectValidStreams(1);
    expect(final.choices.map((c) => c.finish_reason)).toEqual(['stop', 'stop']);
    // As the real API: role 0, content 0, role 1, content 1, then token by token.
    const indexes = events!.slice(0, 6).map((e) => JSON.parse(e).choices[0].index);
    expect(indexes).toEqual([0, 0, 1, 1, 0, 1]);
    expect(JSON.parse(events![2]!).choices[0].delta.role).toBe('assistant');
  });

  it('streams tool calls: header with id and name first, then argument fragments', async () => {
    const rec = recordingClient(server.url);
    const stream = await rec.client.chat.completions.create({
      model: 'gpt-4o',
      stream: true,
      messages: [{ role: 'user', content: 'What is the weather and the local time in Oslo?' }],
      tools: [
        {
          type: 'function',
          function: {
            name: 'get_weather',
            description: 'Current weather for a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
              additionalProperties: false,
            },
            strict: true,
          },
        },
        {
          type: 'function',
          function: {
            name: 'get_local_time',
            description: 'Local time in a city',
            parameters: {
              type: 'object',
              properties: { city: { type: 'string' } },
              required: ['city'],
              additionalProperties: false,
            },
            strict: true,
          },
        },
      ],
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    await rec.expectValidStreams(1);
    const calls = chunks.flatMap((c) => c.choices[0]?.delta.tool_calls ?? []);
    const headers = calls.filter((c) => c.id);
    expect(headers.map((h) => h.function!.name).sort()).toEqual(['get_local_time', 'get_weather']);
    for (const header of headers) {
      const args = calls
        .filter((c) => c.index === header.index)
        .map((c) => c.function?.arguments ?? '')
        .join('');
      expect(JSON.parse(args)).toEqual({ city: 'Oslo' });
    }
    expect(chunks.at(-1)!.choices[0]!.finish_reason).toBe('tool_calls');
  });

  it('streams a cut reply with finish_reason length', async () => {
    const rec = recordingClient(server.url);
    const final = await rec.client.chat.completions
      .stream({ model: 'gpt-4o', max_completion_tokens: 3, messages: prompt })
      .finalChatCompletion();
    await rec.expectValidStreams(1);
    expect(final.choices[0]!.finish_reason).toBe('length');
    expect(countTokens(final.choices[0]!.message.content!, 'gpt-4o')).toBe(3);
  });
});
