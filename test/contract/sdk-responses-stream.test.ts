import { zodTextFormat } from 'openai/helpers/zod';
import type { ResponseStreamEvent } from 'openai/resources/responses/responses';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useMockServer } from '../helpers/server.js';
import { collect, eventShape, expectWellFormed } from './sdk-responses-helpers.js';

const server = await useMockServer();
const { client } = server;

const deltasOf = (events: ResponseStreamEvent[], type: string) =>
  events.filter((e) => e.type === type).map((e) => (e as { delta: string }).delta);

describe('responses.create with stream: true', () => {
  it('sends the real event sequence, whose deltas add up to the same text as the plain response', async () => {
    const body = { model: 'gpt-4o', input: 'Tell me about the fjords of Norway' };
    const events = await collect(await client.responses.create({ ...body, stream: true }));
    expectWellFormed(events);
    expect(eventShape(events)).toEqual([
      'response.created',
      'response.in_progress',
      'response.output_item.added',
      'response.content_part.added',
      'response.output_text.delta*',
      'response.output_text.done',
      'response.content_part.done',
      'response.output_item.done',
      'response.completed',
    ]);
    expect(events.map((e) => e.sequence_number)).toEqual(events.map((_, i) => i));
    const plain = await client.responses.create(body);
    expect(deltasOf(events, 'response.output_text.delta').join('')).toBe(plain.output_text);
    const completed = events.at(-1)!;
    expect(completed.type === 'response.completed' && completed.response.usage).toEqual(plain.usage);
  });

  it('pads deltas with obfuscation unless stream_options.include_obfuscation is false', async () => {
    const padded = await collect(
      await client.responses.create({ model: 'gpt-4o', input: 'Hello there', stream: true }),
    );
    const deltas = padded.filter((e) => e.type === 'response.output_text.delta');
    expect(deltas.every((e) => typeof (e as { obfuscation?: unknown }).obfuscation === 'string')).toBe(true);
    const plain = await collect(
      await client.responses.create({
        model: 'gpt-4o',
        input: 'Hello there',
        stream: true,
        stream_options: { include_obfuscation: false },
      }),
    );
    expect(plain.some((e) => 'obfuscation' in e)).toBe(false);
  });

  it('streams a reasoning summary before the answer for reasoning models', async () => {
    const events = await collect(
      await client.responses.create({
        model: 'o4-mini',
        input: 'Why do cats purr?',
        reasoning: { summary: 'detailed' },
        stream: true,
      }),
    );
    expectWellFormed(events);
    const shape = eventShape(events);
    expect(shape.slice(2, 9)).toEqual([
      'response.output_item.added',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta*',
      'response.reasoning_summary_text.done',
      'response.reasoning_summary_part.done',
      'response.reasoning_summary_part.added',
      'response.reasoning_summary_text.delta*',
    ]);
  });

  it('streams function-call arguments as deltas and a done event', async () => {
    const events = await collect(
      await client.responses.create({
        model: 'gpt-4o',
        input: 'What is the weather in Rome?',
        tools: [{ type: 'function', name: 'get_weather', strict: true, parameters: weatherSchema }],
        stream: true,
      }),
    );
    expectWellFormed(events);
    const done = events.find((e) => e.type === 'response.function_call_arguments.done')!;
    expect(done.type === 'response.function_call_arguments.done' && JSON.parse(done.arguments)).toMatchObject(
      { city: 'Rome' },
    );
    expect(deltasOf(events, 'response.function_call_arguments.delta').join('')).toBe(
      (done as { arguments: string }).arguments,
    );
  });

  it('ends a cut answer with response.incomplete', async () => {
    server.engine.fixtures.add({ match: { user: 'ramble' }, reply: { text: 'and then '.repeat(60) } });
    const events = await collect(
      await client.responses.create({
        model: 'gpt-4o',
        input: 'ramble on',
        max_output_tokens: 20,
        stream: true,
      }),
    );
    expectWellFormed(events);
    const last = events.at(-1)!;
    expect(last.type).toBe('response.incomplete');
    expect(last.type === 'response.incomplete' && last.response.incomplete_details).toEqual({
      reason: 'max_output_tokens',
    });
  });
});

describe('GET /responses/{id}?stream=true', () => {
  it('replays a stored response from after starting_after, with or without obfuscation', async () => {
    const created = await client.responses.create({ model: 'gpt-4o', input: 'Tell me about Tromsø' });
    const replay = await collect(
      await client.responses.retrieve(created.id, {
        stream: true,
        starting_after: 2,
        include_obfuscation: false,
      }),
    );
    expect(replay[0]!.sequence_number).toBe(3);
    expectWellFormed(replay, { resumed: true });
    expect(replay.some((e) => 'obfuscation' in e)).toBe(false);
    // The document gives GET no event schema: check the replayed events against create's.
    const contract = server.engine.contract!;
    const create = contract.operationById('createResponse')!;
    expect(replay.flatMap((e) => contract.validateStreamEvent(create, e))).toEqual([]);
    const last = replay.at(-1)!;
    expect(last.type === 'response.completed' && last.response.output).toEqual(created.output);
  });
});

describe('responses.stream() helper', () => {
  it('resolves finalResponse() to the accumulated response and emits text snapshots', async () => {
    const stream = client.responses.stream({ model: 'gpt-4.1', input: 'Write about the moons of Jupiter' });
    const snapshots: string[] = [];
    stream.on('response.output_text.delta', (e) => snapshots.push(e.snapshot));
    const final = await stream.finalResponse();
    expect(final.status).toBe('completed');
    expect(final.output_text.length).toBeGreaterThan(0);
    expect(snapshots.at(-1)).toBe(final.output_text);
  });

  it('parses a zod text format into output_parsed', async () => {
    const City = z.object({ name: z.string(), population: z.number().int() });
    const final = await client.responses
      .stream({ model: 'gpt-4o', input: 'Describe Madrid', text: { format: zodTextFormat(City, 'city') } })
      .finalResponse();
    expect(City.parse(final.output_parsed)).toEqual(final.output_parsed);
  });
});

const weatherSchema = {
  type: 'object',
  properties: { city: { type: 'string' }, unit: { type: 'string', enum: ['celsius', 'fahrenheit'] } },
  required: ['city', 'unit'],
  additionalProperties: false,
};
