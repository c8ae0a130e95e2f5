import { createOpenAI } from '@ai-sdk/openai';
import {
  embed,
  embedMany,
  generateObject,
  generateText,
  stepCountIs,
  streamObject,
  streamText,
  tool,
} from 'ai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cosineSimilarity } from '../../src/fixtures/embedding-vectors.js';
import { countTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';
import { expectWellFormedStream, sentUsage, wireTap } from './clients-wiretap.js';

const server = await useMockServer();

/** A provider exactly as an application builds it, plus a tap on its fetch to see what crossed the wire. */
function provider() {
  const tap = wireTap();
  const openai = createOpenAI({ baseURL: server.url, apiKey: 'sk-test-key', fetch: tap.fetch });
  return { openai, tap };
}

const models = [
  { api: 'Responses', path: '/v1/responses', model: (p: ReturnType<typeof createOpenAI>) => p('gpt-4o') },
  {
    api: 'Chat Completions',
    path: '/v1/chat/completions',
    model: (p: ReturnType<typeof createOpenAI>) => p.chat('gpt-4o'),
  },
] as const;

describe.each(models)('Vercel AI SDK ($api model)', ({ path, model }) => {
  it('generateText answers about the prompt with the usage the server reported', async () => {
    const { openai, tap } = provider();
    const result = await generateText({
      model: model(openai),
      system: 'You are a travel guide.',
      prompt: 'Tell me about Lisbon in spring',
    });
    expect(result.text.length).toBeGreaterThan(20);
    expect(result.text).toContain('Lisbon');
    expect(result.finishReason).toBe('stop');
    const [exchange] = await tap.exchanges();
    expect(exchange).toMatchObject({ method: 'POST', path, status: 200 });
    const wire = sentUsage(exchange!);
    expect(result.usage).toMatchObject({
      inputTokens: wire.input,
      outputTokens: wire.output,
      totalTokens: wire.total,
    });
    expect(wire.output).toBe(countTokens(result.text, 'gpt-4o'));
    expect(server.journal.entries()).toMatchObject([{ path, status: 200, model: 'gpt-4o', stream: false }]);
  });

  it('streamText streams the text in several parts, well formed, with the usage the server reported', async () => {
    const { openai, tap } = provider();
    const result = streamText({ model: model(openai), prompt: 'Describe the harbour of Valletta' });
    const parts: string[] = [];
    for await (const part of result.textStream) parts.push(part);
    const text = await result.text;
    expect(parts.length).toBeGreaterThan(1);
    expect(parts.join('')).toBe(text);
    expect(text).toContain('Valletta');
    expect(await result.finishReason).toBe('stop');
    const [exchange] = await tap.exchanges();
    expectWellFormedStream(exchange!);
    const wire = sentUsage(exchange!);
    expect(await result.usage).toMatchObject({
      inputTokens: wire.input,
      outputTokens: wire.output,
      totalTokens: wire.total,
    });
    expect(server.journal.entries()).toMatchObject([{ path, status: 200, stream: true }]);
  });

  it('runs a tool loop: the tool is called with schema-valid input and the final answer uses its result', async () => {
    const { openai, tap } = provider();
    const inputs: unknown[] = [];
    const getWeather = tool({
      description: 'Current weather for a city',
      inputSchema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
      execute: async (input) => {
        inputs.push(input);
        return { temperature: 17, conditions: 'light drizzle' };
      },
    });
    const result = await generateText({
      model: model(openai),
      prompt: 'What is the weather like in Nairobi today?',
      tools: { getWeather },
      stopWhen: stepCountIs(3),
    });
    expect(inputs).toEqual([{ city: 'Nairobi', unit: expect.stringMatching(/^(celsius|fahrenheit)$/) }]);
    expect(result.steps).toHaveLength(2);
    expect(result.steps[0]!.toolCalls).toMatchObject([{ toolName: 'getWeather', input: inputs[0] }]);
    expect(result.steps[0]!.toolResults).toMatchObject([
      { toolName: 'getWeather', output: { conditions: 'light drizzle' } },
    ]);
    expect(result.finishReason).toBe('stop');
    expect(result.text).toContain('light drizzle');
    const exchanges = await tap.exchanges();
    expect(exchanges.map((e) => e.status)).toEqual([200, 200]);
    const [first, second] = exchanges.map(sentUsage);
    expect(result.totalUsage).toMatchObject({
      inputTokens: first!.input + second!.input,
      outputTokens: first!.output + second!.output,
    });
  });

  it('streams a tool loop the same way', async () => {
    const { openai, tap } = provider();
    const inputs: unknown[] = [];
    const result = streamText({
      model: model(openai),
      prompt: 'What is the stock price of ACME?',
      tools: {
        getStockPrice: tool({
          description: 'Latest price of a stock ticker',
          inputSchema: z.object({ ticker: z.string().regex(/^[A-Z]{1,5}$/) }),
          execute: async (input) => {
            inputs.push(input);
            return { price: 123.45, currency: 'USD' };
          },
        }),
      },
      stopWhen: stepCountIs(3),
    });
    const text = await result.text;
    expect(inputs).toEqual([{ ticker: expect.stringMatching(/^[A-Z]{1,5}$/) }]);
    expect(text).toContain('123.45');
    const exchanges = await tap.exchanges();
    expect(exchanges).toHaveLength(2);
    for (const exchange of exchanges) expectWellFormedStream(exchange);
  });

  it('streamObject streams partial objects that end in one valid for the zod schema', async () => {
    const { openai, tap } = provider();
    const schema = z.object({ city: z.string(), sights: z.array(z.string()).min(2) });
    const result = streamObject({ model: model(openai), schema, prompt: 'Top sights of Porto' });
    const partials: unknown[] = [];
    for await (const partial of result.partialObjectStream) partials.push(partial);
    const object = await result.object;
    expect(partials.length).toBeGreaterThan(1);
    expect(partials.at(-1)).toEqual(object);
    expect(schema.safeParse(object).success).toBe(true);
    expectWellFormedStream((await tap.exchanges())[0]!);
  });

  it('generateObject returns an object valid for the zod schema', async () => {
    const { openai, tap } = provider();
    const schema = z.object({
      name: z.string(),
      ingredients: z.array(z.object({ item: z.string(), grams: z.number() })).min(1),
      vegetarian: z.boolean(),
      course: z.enum(['starter', 'main', 'dessert']),
    });
    const result = await generateObject({
      model: model(openai),
      schema,
      schemaName: 'recipe',
      prompt: 'Give me a recipe for a lasagna',
    });
    expect(schema.safeParse(result.object).success).toBe(true);
    expect(result.finishReason).toBe('stop');
    const [exchange] = await tap.exchanges();
    const wire = sentUsage(exchange!);
    expect(result.usage).toMatchObject({ inputTokens: wire.input, outputTokens: wire.output });
  });
});

describe('Vercel AI SDK, Responses only', () => {
  it('reports reasoning tokens and summary text of a reasoning model through a tool loop (items sent back by reference)', async () => {
    const { openai, tap } = provider();
    const result = await generateText({
      model: openai('o4-mini'),
      prompt: 'What is the weather in Oslo?',
      tools: {
        getWeather: tool({
          description: 'Current weather for a city',
          inputSchema: z.object({ city: z.string() }),
          execute: async () => ({ conditions: 'freezing fog' }),
        }),
      },
      stopWhen: stepCountIs(3),
      providerOptions: { openai: { reasoningSummary: 'auto' } },
    });
    expect(result.text).toContain('freezing fog');
    expect(result.reasoningText).toMatch(/^\*\*.+\*\*/);
    const exchanges = await tap.exchanges();
    expect(exchanges.map((e) => e.status)).toEqual([200, 200]);
    // The SDK sends the first turn's reasoning and call back as item_references, which the server resolves.
    const second = exchanges[1]!.request as { input: Array<{ type?: string }> };
    expect(second.input.filter((i) => i.type === 'item_reference').length).toBeGreaterThanOrEqual(2);
    const wire = exchanges.map(sentUsage);
    expect(result.totalUsage.reasoningTokens).toBe(wire[0]!.reasoning! + wire[1]!.reasoning!);
    expect(result.totalUsage.reasoningTokens).toBeGreaterThan(0);
  });

  it('works with the root base URL too (no /v1), as SDK test suites configure it', async () => {
    const openai = createOpenAI({ baseURL: server.origin, apiKey: 'sk-test-key' });
    const { text } = await generateText({
      model: openai('gpt-4o-mini'),
      prompt: 'Say something about Kyoto',
    });
    expect(text).toContain('Kyoto');
    expect(server.journal.entries()).toMatchObject([{ path: '/responses', status: 200 }]);
  });

  it('sends an image URL to a Responses model without `detail`, as the SDK does', async () => {
    const openai = createOpenAI({ baseURL: server.url, apiKey: 'sk-test-key' });
    const { text } = await generateText({
      model: openai('gpt-4o-mini'),
      messages: [
        {
          role: 'user',
          content: [
            { type: 'text', text: 'Describe this lighthouse photo' },
            { type: 'image', image: new URL('https://example.com/lighthouse.png') },
          ],
        },
      ],
    });
    expect(text.toLowerCase()).toContain('lighthouse');
    expect(server.journal.entries()).toMatchObject([{ path: '/v1/responses', status: 200 }]);
  });
});

describe('Vercel AI SDK embeddings', () => {
  it('embed returns one vector with the usage the server reported', async () => {
    const { openai, tap } = provider();
    const { embedding, usage } = await embed({
      model: openai.textEmbeddingModel('text-embedding-3-small'),
      value: 'sunny day at the beach',
    });
    expect(embedding).toHaveLength(1536);
    const [exchange] = await tap.exchanges();
    expect(exchange).toMatchObject({ path: '/v1/embeddings', status: 200 });
    expect(usage.tokens).toBe(sentUsage(exchange!).input);
    expect(usage.tokens).toBe(countTokens('sunny day at the beach', 'text-embedding-3-small'));
  });

  it('embedMany returns one vector per value, in order, deterministic', async () => {
    const { openai } = provider();
    const model = openai.textEmbeddingModel('text-embedding-3-small');
    const values = ['sunny day at the beach', 'rainy afternoon in the mountains', 'snowy night in the city'];
    const many = await embedMany({ model, values });
    expect(many.embeddings).toHaveLength(3);
    const single = await embed({ model, value: values[1]! });
    expect(cosineSimilarity(many.embeddings[1]!, single.embedding)).toBeCloseTo(1, 6);
    expect(cosineSimilarity(many.embeddings[0]!, many.embeddings[2]!)).toBeLessThan(0.999);
    expect(many.usage.tokens).toBe(values.reduce((n, v) => n + countTokens(v, 'text-embedding-3-small'), 0));
  });
});
