import { zodTextFormat } from 'openai/helpers/zod';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { countTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';
import { apiError } from './sdk-responses-helpers.js';

const server = await useMockServer();
const { client } = server;

describe('responses.create', () => {
  it('returns a completed response with one message, real token counts and the request echoed', async () => {
    const response = await client.responses.create({
      model: 'gpt-4o',
      instructions: 'You are a travel guide.',
      input: 'Tell me about Lisbon in spring',
      metadata: { trace: 't-1' },
      temperature: 0.2,
    });
    expect(response).toMatchObject({
      object: 'response',
      status: 'completed',
      model: 'gpt-4o',
      instructions: 'You are a travel guide.',
      metadata: { trace: 't-1' },
      temperature: 0.2,
      store: true,
      error: null,
      incomplete_details: null,
    });
    expect(response.id).toMatch(/^resp_[0-9a-f]{48}$/);
    const [message] = response.output;
    expect(message).toMatchObject({ type: 'message', role: 'assistant', status: 'completed' });
    expect(message!.id).toMatch(/^msg_/);
    expect(response.output_text).toContain('Lisbon');
    expect(response.usage!.output_tokens).toBe(countTokens(response.output_text, 'gpt-4o'));
    expect(response.usage!.input_tokens).toBeGreaterThan(
      countTokens('You are a travel guide. Tell me about Lisbon in spring', 'gpt-4o'),
    );
    expect(response.usage!.total_tokens).toBe(response.usage!.input_tokens + response.usage!.output_tokens);
  });

  it('answers the same request with the same text, under new ids', async () => {
    const body = { model: 'gpt-4.1-mini', input: 'Describe the harbour of Valletta' };
    const [a, b] = [await client.responses.create(body), await client.responses.create(body)];
    expect(a.output_text).toBe(b.output_text);
    expect(a.id).not.toBe(b.id);
  });

  it('puts a reasoning item first for reasoning models, with a summary only when asked', async () => {
    const withSummary = await client.responses.create({
      model: 'o4-mini',
      input: 'Why is the sky blue?',
      reasoning: { effort: 'low', summary: 'auto' },
    });
    const [reasoning, message] = withSummary.output;
    expect(reasoning).toMatchObject({ type: 'reasoning' });
    expect(reasoning!.id).toMatch(/^rs_/);
    expect(reasoning?.type === 'reasoning' && reasoning.summary[0]?.text).toMatch(/^\*\*.+\*\*\n\n/);
    expect(message!.type).toBe('message');
    const usage = withSummary.usage!;
    expect(usage.output_tokens_details.reasoning_tokens).toBeGreaterThanOrEqual(64);
    expect(usage.output_tokens).toBe(
      usage.output_tokens_details.reasoning_tokens + countTokens(withSummary.output_text, 'o4-mini'),
    );
    expect(withSummary.reasoning).toEqual({ effort: 'low', summary: 'auto' });

    const plain = await client.responses.create({ model: 'gpt-5', input: 'Why is the sky blue?' });
    expect(plain.output[0]).toMatchObject({ type: 'reasoning', summary: [] });
  });

  it('cuts the answer at max_output_tokens and ends incomplete', async () => {
    server.engine.fixtures.add({
      match: { user: 'long story' },
      reply: { text: 'word '.repeat(200).trim() },
    });
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'a long story please',
      max_output_tokens: 16,
    });
    expect(response.status).toBe('incomplete');
    expect(response.incomplete_details).toEqual({ reason: 'max_output_tokens' });
    expect(response.output[0]).toMatchObject({ type: 'message', status: 'incomplete' });
    expect(response.usage!.output_tokens).toBe(16);
    expect(countTokens(response.output_text, 'gpt-4o')).toBe(16);
  });

  it('lets hidden reasoning use the whole allowance, leaving no visible answer', async () => {
    const response = await client.responses.create({
      model: 'o3',
      input: 'Prove it',
      reasoning: { effort: 'high' },
      max_output_tokens: 16,
    });
    expect(response.status).toBe('incomplete');
    expect(response.output.map((o) => o.type)).toEqual(['reasoning']);
    expect(response.usage!.output_tokens_details.reasoning_tokens).toBe(16);
    expect(response.output_text).toBe('');
  });

  it('counts image inputs and lists them with their detail', async () => {
    const question = { type: 'input_text' as const, text: 'What is in this picture?' };
    const textOnly = await client.responses.create({
      model: 'gpt-4o',
      input: [{ role: 'user', content: [question] }],
    });
    const withImage = await client.responses.create({
      model: 'gpt-4o',
      input: [
        {
          role: 'user',
          content: [
            question,
            { type: 'input_image', image_url: 'https://example.com/cat.png', detail: 'low' },
          ],
        },
      ],
    });
    expect(withImage.usage!.input_tokens - textOnly.usage!.input_tokens).toBe(85);
    const [item] = (await client.responses.inputItems.list(withImage.id)).data;
    expect(item).toMatchObject({
      type: 'message',
      role: 'user',
      content: [question, { type: 'input_image', detail: 'low' }],
    });
  });

  it('renders a scripted refusal as a refusal content part', async () => {
    server.engine.fixtures.add({
      match: { api: 'responses', user: 'forbidden' },
      reply: { refusal: 'I cannot help with that.' },
    });
    const response = await client.responses.create({ model: 'gpt-4o', input: 'something forbidden' });
    expect(response.output[0]).toMatchObject({
      type: 'message',
      content: [{ type: 'refusal', refusal: 'I cannot help with that.' }],
    });
  });

  it('answers parameter mistakes with the real 400s', async () => {
    const effort = await apiError(
      client.responses.create({ model: 'gpt-4o', input: 'x', reasoning: { effort: 'low' } }),
    );
    expect(effort.status).toBe(400);
    expect(effort.param).toBe('reasoning.effort');
    expect(effort.code).toBe('unsupported_parameter');
    const temperature = await apiError(
      client.responses.create({ model: 'o3', input: 'x', temperature: 0.3 }),
    );
    expect(temperature.message).toContain(
      "Unsupported parameter: 'temperature' is not supported with this model.",
    );
    const model = await apiError(client.responses.create({ model: 'gpt-nope', input: 'x' }));
    expect(model.status).toBe(404);
    expect(model.code).toBe('model_not_found');
  });
});

describe('structured outputs', () => {
  const Trip = z.object({ city: z.string(), days: z.number().int(), sights: z.array(z.string()) });

  it('responses.parse gives output_parsed that satisfies a zod text format', async () => {
    const response = await client.responses.parse({
      model: 'gpt-4o-mini',
      input: 'Plan a short trip to Kyoto',
      text: { format: zodTextFormat(Trip, 'trip') },
    });
    expect(Trip.parse(response.output_parsed)).toEqual(response.output_parsed);
    expect(JSON.parse(response.output_text)).toEqual(response.output_parsed);
  });

  it('json_object answers with a JSON object, and needs the word json in the input', async () => {
    const response = await client.responses.create({
      model: 'gpt-4o',
      input: 'Reply in JSON about Oslo',
      text: { format: { type: 'json_object' } },
    });
    expect(typeof JSON.parse(response.output_text)).toBe('object');
    const error = await apiError(
      client.responses.create({
        model: 'gpt-4o',
        input: 'About Oslo',
        text: { format: { type: 'json_object' } },
      }),
    );
    expect(error.message).toContain("must contain the word 'json'");
  });

  it('refuses a strict schema that Structured Outputs cannot take', async () => {
    const error = await apiError(
      client.responses.create({
        model: 'gpt-4o',
        input: 'x',
        text: {
          format: {
            type: 'json_schema',
            name: 'loose',
            strict: true,
            schema: { type: 'object', properties: { a: { type: 'string' } } },
          },
        },
      }),
    );
    expect(error.status).toBe(400);
    expect(error.param).toBe('text.format.schema');
    expect(error.message).toContain("Invalid schema for response_format 'loose'");
  });
});
