import {
  AIMessage,
  type AIMessageChunk,
  HumanMessage,
  SystemMessage,
  ToolMessage,
} from '@langchain/core/messages';
import { tool } from '@langchain/core/tools';
import { ChatOpenAI, OpenAIEmbeddings } from '@langchain/openai';
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { cosineSimilarity } from '../../src/fixtures/embedding-vectors.js';
import { countTokens } from '../../src/fixtures/index.js';
import { useMockServer } from '../helpers/server.js';
import { expectWellFormedStream, sentUsage, wireTap } from './clients-wiretap.js';

const server = await useMockServer();

/** `ChatOpenAI` as an application configures it for a proxy or a local server, with a tap on its fetch. */
function chat(useResponsesApi: boolean) {
  const tap = wireTap();
  const model = new ChatOpenAI({
    model: 'gpt-4o',
    apiKey: 'sk-test-key',
    maxRetries: 0,
    useResponsesApi,
    configuration: { baseURL: server.url, fetch: tap.fetch },
  });
  return { model, tap };
}

const getWeather = tool(async ({ city }) => JSON.stringify({ city, temperature: 9, conditions: 'sleet' }), {
  name: 'get_weather',
  description: 'Current weather for a city',
  schema: z.object({ city: z.string(), unit: z.enum(['celsius', 'fahrenheit']) }),
});

const apis = [
  { api: 'Chat Completions', useResponsesApi: false, path: '/v1/chat/completions' },
  { api: 'Responses', useResponsesApi: true, path: '/v1/responses' },
] as const;

describe.each(apis)('LangChain ChatOpenAI over $api', ({ useResponsesApi, path }) => {
  it('invoke answers about the prompt, with the usage the server reported', async () => {
    const { model, tap } = chat(useResponsesApi);
    const message = await model.invoke([
      new SystemMessage('You are a travel guide.'),
      new HumanMessage('Tell me about Lisbon in spring'),
    ]);
    expect(message).toBeInstanceOf(AIMessage);
    expect(message.text).toContain('Lisbon');
    const [exchange] = await tap.exchanges();
    expect(exchange).toMatchObject({ method: 'POST', path, status: 200 });
    const wire = sentUsage(exchange!);
    expect(message.usage_metadata).toMatchObject({
      input_tokens: wire.input,
      output_tokens: wire.output,
      total_tokens: wire.total,
    });
    expect(wire.output).toBe(countTokens(message.text, 'gpt-4o'));
    expect(server.journal.entries()).toMatchObject([{ path, status: 200, model: 'gpt-4o' }]);
  });

  it('stream yields the answer in several chunks, well formed, with the usage the server reported', async () => {
    const { model, tap } = chat(useResponsesApi);
    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await model.stream('Describe the harbour of Valletta')) chunks.push(chunk);
    const text = chunks.map((c) => c.text).join('');
    expect(chunks.filter((c) => c.text !== '').length).toBeGreaterThan(1);
    expect(text).toContain('Valletta');
    const [exchange] = await tap.exchanges();
    expectWellFormedStream(exchange!);
    const wire = sentUsage(exchange!);
    const merged = chunks.reduce((a, b) => a.concat(b));
    expect(merged.usage_metadata).toMatchObject({
      input_tokens: wire.input,
      output_tokens: wire.output,
      total_tokens: wire.total,
    });
  });

  it('bindTools: the model calls the tool with schema-valid args, and answers with its result', async () => {
    const { model, tap } = chat(useResponsesApi);
    const withTools = model.bindTools([getWeather]);
    const messages = [new HumanMessage('What is the weather like in Nairobi today?')];
    const first = await withTools.invoke(messages);
    expect(first.tool_calls).toEqual([
      expect.objectContaining({
        name: 'get_weather',
        args: { city: 'Nairobi', unit: expect.stringMatching(/^(celsius|fahrenheit)$/) },
        id: expect.stringMatching(/^call_/),
      }),
    ]);
    const toolMessage = (await getWeather.invoke(first.tool_calls![0]!)) as ToolMessage;
    expect(toolMessage).toBeInstanceOf(ToolMessage);
    const second = await withTools.invoke([...messages, first, toolMessage]);
    expect(second.tool_calls ?? []).toEqual([]);
    expect(second.text).toContain('sleet');
    expect((await tap.exchanges()).map((e) => e.status)).toEqual([200, 200]);
  });

  it('stream with bound tools assembles the tool call from its chunks', async () => {
    const { model, tap } = chat(useResponsesApi);
    const chunks: AIMessageChunk[] = [];
    for await (const chunk of await model.bindTools([getWeather]).stream('Weather in Oslo tomorrow?'))
      chunks.push(chunk);
    const merged = chunks.reduce((a, b) => a.concat(b));
    expect(merged.tool_calls).toEqual([
      expect.objectContaining({
        name: 'get_weather',
        args: { city: 'Oslo', unit: expect.stringMatching(/^(celsius|fahrenheit)$/) },
      }),
    ]);
    const [exchange] = await tap.exchanges();
    expectWellFormedStream(exchange!);
    const wire = sentUsage(exchange!);
    expect(merged.usage_metadata).toMatchObject({ input_tokens: wire.input, output_tokens: wire.output });
  });

  it.each(['jsonSchema', 'functionCalling'] as const)(
    'withStructuredOutput (method %s) returns an object valid for the zod schema',
    async (method) => {
      const { model, tap } = chat(useResponsesApi);
      const schema = z.object({
        title: z.string(),
        year: z.number().int(),
        genres: z.array(z.enum(['drama', 'comedy', 'thriller', 'documentary'])).min(1),
      });
      const movie = await model
        .withStructuredOutput(schema, { name: 'movie', method })
        .invoke('Recommend a film about Lisbon');
      expect(schema.safeParse(movie).success).toBe(true);
      const [exchange] = await tap.exchanges();
      // The two methods reach the server differently: a JSON schema format, or a forced tool call.
      const request = JSON.stringify(exchange!.request);
      expect(request).toContain(method === 'jsonSchema' ? '"json_schema"' : '"tool_choice"');
    },
  );
});

describe('LangChain OpenAIEmbeddings', () => {
  it('embeds a query and documents: vectors of the model size, deterministic, with real token counts', async () => {
    const tap = wireTap();
    const embeddings = new OpenAIEmbeddings({
      model: 'text-embedding-3-small',
      apiKey: 'sk-test-key',
      maxRetries: 0,
      configuration: { baseURL: server.url, fetch: tap.fetch },
    });
    const docs = ['sunny day at the beach', 'rainy afternoon in the mountains'];
    const vectors = await embeddings.embedDocuments(docs);
    const query = await embeddings.embedQuery(docs[1]!);
    expect(vectors.map((v) => v.length)).toEqual([1536, 1536]);
    expect(cosineSimilarity(vectors[1]!, query)).toBeCloseTo(1, 6);
    expect(cosineSimilarity(vectors[0]!, query)).toBeLessThan(0.999);
    const [batch] = await tap.exchanges();
    expect(batch).toMatchObject({ path: '/v1/embeddings', status: 200 });
    expect(sentUsage(batch!).input).toBe(
      docs.reduce((n, d) => n + countTokens(d, 'text-embedding-3-small'), 0),
    );
  });
});
