import { zodFunction, zodResponseFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { useMockServer } from '../helpers/server.js';
import { recordingClient } from './sdk-chat-recorder.js';

const server = await useMockServer();
const client = server.client;

const Recipe = z.object({
  title: z.string(),
  servings: z.number().int().min(1).max(12),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  ingredients: z
    .array(z.object({ name: z.string(), grams: z.number().nullable() }))
    .min(1)
    .max(5),
  vegetarian: z.boolean(),
  note: z.string().nullable(),
});

describe('structured outputs with the official SDK and zod', () => {
  it('parses a json_schema reply into a value the zod schema accepts', async () => {
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o-2024-08-06',
      messages: [{ role: 'user', content: 'A recipe for a summer salad' }],
      response_format: zodResponseFormat(Recipe, 'recipe'),
    });
    const message = completion.choices[0]!.message;
    expect(message.refusal).toBeNull();
    expect(Recipe.parse(message.parsed)).toEqual(message.parsed);
    expect(JSON.parse(message.content!)).toEqual(message.parsed);
  });

  it('varies the value with the seed yet always satisfies the schema', async () => {
    const values = await Promise.all(
      [1, 2, 3, 4, 5].map((seed) =>
        client.chat.completions.parse({
          model: 'gpt-4o',
          seed,
          messages: [{ role: 'user', content: 'Recipe' }],
          response_format: zodResponseFormat(Recipe, 'recipe'),
        }),
      ),
    );
    const parsed = values.map((v) => Recipe.parse(v.choices[0]!.message.parsed));
    expect(new Set(parsed.map((p) => JSON.stringify(p))).size).toBeGreaterThan(1);
  });

  it('parses strict tool arguments with zodFunction', async () => {
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'Book a table for dinner in Seoul' }],
      tools: [
        zodFunction({
          name: 'book_table',
          description: 'Book a restaurant table',
          parameters: z.object({
            city: z.string(),
            people: z.number().int().min(1).max(8),
            time: z.string(),
          }),
        }),
      ],
    });
    const call = completion.choices[0]!.message.tool_calls![0]!;
    expect(call.function.parsed_arguments).toEqual({
      city: 'Seoul',
      people: expect.any(Number),
      time: expect.any(String),
    });
  });

  it('streams a structured reply that the .stream() helper parses', async () => {
    const rec = recordingClient(server.url);
    const stream = rec.client.chat.completions.stream({
      model: 'gpt-4o',
      messages: [{ role: 'user', content: 'A recipe for soup' }],
      response_format: zodResponseFormat(Recipe, 'recipe'),
    });
    const final = await stream.finalChatCompletion();
    await rec.expectValidStreams(1);
    expect(Recipe.parse(final.choices[0]!.message.parsed)).toBeTruthy();
  });
});
