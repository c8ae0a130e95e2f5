import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { OpenAIClient } from '../../src/client/client.js';
import {
  jsonSchemaResponseFormat,
  jsonSchemaTextFormat,
  StructuredOutputError,
  zodResponseFormat,
  zodTextFormat,
} from '../../src/client/structured-output.js';
import { fakeFetch, json } from './helpers/fake-fetch.js';
import { chatCompletion, responseObject } from './helpers/samples.js';

const Weather = z.object({
  city: z.string(),
  celsius: z.number(),
  tags: z.array(z.enum(['sunny', 'rainy'])),
});
const weatherSchema = {
  type: 'object',
  properties: {
    city: { type: 'string' },
    celsius: { type: 'number' },
    tags: { type: 'array', items: { enum: ['sunny', 'rainy'] } },
  },
  required: ['city', 'celsius', 'tags'],
  additionalProperties: false,
};
const messages = [{ role: 'user' as const, content: 'weather?' }];

function clientAnswering(body: unknown) {
  const fake = fakeFetch(json(body));
  return {
    ...fake,
    client: new OpenAIClient({ apiKey: 'k', baseURL: 'http://mock.test/v1', fetch: fake.fetch }),
  };
}

describe('chat.completions.parse', () => {
  it('sends the zod schema as strict JSON Schema and returns the validated object', async () => {
    const { client, calls } = clientAnswering(
      chatCompletion('{"city":"Oslo","celsius":-3,"tags":["sunny"]}'),
    );
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o',
      messages,
      response_format: zodResponseFormat(Weather, 'weather'),
    });
    const parsed = completion.choices[0]?.message.parsed;
    expect(parsed).toEqual({ city: 'Oslo', celsius: -3, tags: ['sunny'] });
    const sent = JSON.parse(String(calls[0]?.body));
    expect(sent.response_format).toEqual({
      type: 'json_schema',
      json_schema: {
        name: 'weather',
        strict: true,
        schema: {
          type: 'object',
          properties: {
            city: { type: 'string' },
            celsius: { type: 'number' },
            tags: { type: 'array', items: { type: 'string', enum: ['sunny', 'rainy'] } },
          },
          required: ['city', 'celsius', 'tags'],
          additionalProperties: false,
        },
      },
    });
  });

  it('works from a plain JSON Schema', async () => {
    const { client } = clientAnswering(chatCompletion('{"city":"Rome","celsius":20,"tags":[]}'));
    const format = jsonSchemaResponseFormat<{ city: string }>(weatherSchema, 'weather', {
      description: 'today',
    });
    const completion = await client.chat.completions.parse({
      model: 'gpt-4o',
      messages,
      response_format: format,
    });
    expect(completion.choices[0]?.message.parsed?.city).toBe('Rome');
  });

  it('throws StructuredOutputError naming the first violation', async () => {
    const { client } = clientAnswering(chatCompletion('{"city":"Rome","celsius":"warm","tags":["hot"]}'));
    const error = await client.chat.completions
      .parse({ model: 'gpt-4o', messages, response_format: jsonSchemaResponseFormat(weatherSchema, 'w') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(StructuredOutputError);
    expect((error as Error).message).toBe(
      'Structured output: the answer does not match the schema: /celsius expected number, got string (and 1 more)',
    );
    expect((error as StructuredOutputError).issues.map((i) => i.path)).toEqual(['/celsius', '/tags/0']);
  });

  it('reports zod issues with their paths', async () => {
    const { client } = clientAnswering(chatCompletion('{"city":1,"celsius":2,"tags":[]}'));
    await expect(
      client.chat.completions.parse({
        model: 'gpt-4o',
        messages,
        response_format: zodResponseFormat(Weather, 'w'),
      }),
    ).rejects.toThrow(/^Structured output: the answer does not match the schema: \/city Invalid input/);
  });

  it('throws when the answer is not JSON or was cut at the token limit', async () => {
    const notJSON = clientAnswering(chatCompletion('Sure! Here it is'));
    await expect(
      notJSON.client.chat.completions.parse({
        model: 'm',
        messages,
        response_format: zodResponseFormat(Weather, 'w'),
      }),
    ).rejects.toThrow(/answer is not JSON: "Sure! Here it is"/);
    const cut = chatCompletion('{"city":"Ro');
    cut.choices[0] = { ...cut.choices[0], finish_reason: 'length' } as (typeof cut.choices)[0];
    const length = clientAnswering(cut);
    await expect(
      length.client.chat.completions.parse({
        model: 'm',
        messages,
        response_format: zodResponseFormat(Weather, 'w'),
      }),
    ).rejects.toThrow(/cut at the token limit/);
  });

  it('gives parsed: null and the refusal when the model refuses', async () => {
    const refused = chatCompletion('');
    refused.choices[0] = {
      ...refused.choices[0],
      message: { role: 'assistant', content: null, refusal: 'I cannot help with that.' },
    } as unknown as (typeof refused.choices)[0];
    const { client } = clientAnswering(refused);
    const completion = await client.chat.completions.parse({
      model: 'm',
      messages,
      response_format: zodResponseFormat(Weather, 'w'),
    });
    expect(completion.choices[0]?.message).toMatchObject({
      parsed: null,
      refusal: 'I cannot help with that.',
    });
  });

  it('rejects a response_format that was not built by the helpers', async () => {
    const { client } = clientAnswering(chatCompletion('{}'));
    const plain = { type: 'json_schema', json_schema: { name: 'x', schema: {} } } as unknown as ReturnType<
      typeof zodResponseFormat<typeof Weather>
    >;
    await expect(
      client.chat.completions.parse({ model: 'm', messages, response_format: plain }),
    ).rejects.toThrow(/must come from zodResponseFormat\(\) or jsonSchemaResponseFormat\(\)/);
  });
});

describe('responses.parse', () => {
  it('sends text.format and returns output_parsed', async () => {
    const { client, calls } = clientAnswering(
      responseObject('{"city":"Lima","celsius":18,"tags":["rainy"]}'),
    );
    const response = await client.responses.parse({
      model: 'gpt-4.1',
      input: 'weather?',
      text: { format: zodTextFormat(Weather, 'weather') },
    });
    expect(response.output_parsed).toEqual({ city: 'Lima', celsius: 18, tags: ['rainy'] });
    expect(JSON.parse(String(calls[0]?.body)).text.format).toMatchObject({
      type: 'json_schema',
      name: 'weather',
      strict: true,
      schema: { type: 'object' },
    });
  });

  it('validates with a JSON Schema text format and refuses incomplete responses', async () => {
    const ok = clientAnswering(responseObject('{"city":"Lima","celsius":18,"tags":[]}'));
    expect(
      (
        await ok.client.responses.parse({
          model: 'm',
          input: 'x',
          text: { format: jsonSchemaTextFormat(weatherSchema, 'w') },
        })
      ).output_parsed,
    ).toMatchObject({ city: 'Lima' });
    const incomplete = clientAnswering(
      responseObject('{"ci', { status: 'incomplete', incomplete_details: { reason: 'max_output_tokens' } }),
    );
    await expect(
      incomplete.client.responses.parse({
        model: 'm',
        input: 'x',
        text: { format: jsonSchemaTextFormat(weatherSchema, 'w') },
      }),
    ).rejects.toThrow('Structured output: the response is incomplete (max_output_tokens)');
  });
});
