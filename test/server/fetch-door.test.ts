import { join } from 'node:path';
import { createOpenAI } from '@ai-sdk/openai';
import { ChatOpenAI } from '@langchain/openai';
import { generateText, streamText } from 'ai';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createMockFetch } from '../../src/server/fetch.js';
import { tempDir } from '../record/helpers/cassette-server.js';
import { startFakeUpstream, UPSTREAM_KEY } from '../record/helpers/fake-upstream.js';

const BASE = 'http://openai-mock.local/v1';
const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Tell me about doors' }] };
const sdk = (
  fetch: typeof globalThis.fetch,
  options: Partial<ConstructorParameters<typeof OpenAI>[0]> = {},
) => new OpenAI({ apiKey: 'sk-fetch-0000000000', baseURL: BASE, fetch, maxRetries: 0, ...options });

describe('the fetch door with the official SDK', () => {
  it('answers a completion and a stream with no port and no patched global', async () => {
    const globalFetch = globalThis.fetch;
    await using mock = await createMockFetch({ seed: 7, warn: () => {} });
    expect(globalThis.fetch, 'nothing patched').toBe(globalFetch);
    const client = sdk(mock.fetch);
    const completion = await client.chat.completions.create(chat);
    expect(completion.object).toBe('chat.completion');
    expect(completion.choices[0]?.message.content).toBeTruthy();
    const stream = await client.chat.completions.create({ ...chat, stream: true });
    let text = '';
    for await (const chunk of stream) text += chunk.choices[0]?.delta.content ?? '';
    expect(text, 'same seed, same request: the stream says what the plain answer said').toBe(
      completion.choices[0]?.message.content,
    );
    expect(mock.journal.entries().map((e) => [e.path, e.status, e.stream])).toEqual([
      ['/v1/chat/completions', 200, false],
      ['/v1/chat/completions', 200, true],
    ]);
  });

  it('surfaces a reset as APIConnectionError, retried by the SDK, and a cut stream as a failed iteration', async () => {
    await using mock = await createMockFetch({ warn: () => {} });
    mock.engine.faults.add({ type: 'reset', times: 1 });
    const retried = await sdk(mock.fetch, { maxRetries: 1 }).models.list();
    expect(retried.data.length).toBeGreaterThan(0);
    expect(mock.journal.entries().map((e) => e.status)).toEqual([0, 200]);

    mock.engine.faults.add({ type: 'reset', times: 1 });
    await expect(sdk(mock.fetch).models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);

    mock.engine.faults.add({ type: 'stream_cut', afterEvents: 2, times: 1 });
    const stream = await sdk(mock.fetch).chat.completions.create({ ...chat, stream: true });
    const received: unknown[] = [];
    await expect(
      (async () => {
        for await (const chunk of stream) received.push(chunk);
      })(),
    ).rejects.toThrow(/terminated/);
    expect(received).toHaveLength(2);
  });

  it('answers OpenAI errors as the SDK expects them', async () => {
    await using mock = await createMockFetch({ warn: () => {} });
    const error = await sdk(mock.fetch)
      .chat.completions.create({ ...chat, model: 'gpt-nope' })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
  });

  it('records through the real fetch (passthrough) and replays offline', async () => {
    const dir = tempDir();
    const upstream = await startFakeUpstream({ gapMs: 1 });
    const cassettes = { dir, cassette: join(dir, 'doors.json'), upstream: upstream.url, env: {} };
    const recorder = await createMockFetch({
      warn: () => {},
      features: { cassettes: { ...cassettes, mode: 'record', apiKey: UPSTREAM_KEY } },
    });
    const recorded = await sdk(recorder.fetch).chat.completions.create(chat);
    await recorder.close();
    await upstream.close();
    expect(upstream.seen).toEqual(['POST /v1/chat/completions']);

    await using replayer = await createMockFetch({
      warn: () => {},
      features: { cassettes: { ...cassettes, mode: 'replay' } },
    });
    const replayed = await sdk(replayer.fetch).chat.completions.create(chat);
    expect(replayed.choices[0]?.message.content).toBe(recorded.choices[0]?.message.content);
    expect(replayer.journal.entries().at(-1)?.source).toBe('cassette');
  });
});

describe('the fetch door with other clients that take a fetch', () => {
  it('serves the Vercel AI SDK (generateText and streamText)', async () => {
    await using mock = await createMockFetch({ seed: 3, warn: () => {} });
    const openai = createOpenAI({ apiKey: 'sk-fetch-0000000000', baseURL: BASE, fetch: mock.fetch });
    const result = await generateText({ model: openai.chat('gpt-4o'), prompt: 'Tell me about Lisbon' });
    expect(result.text.length).toBeGreaterThan(0);
    expect(result.usage.outputTokens).toBeGreaterThan(0);
    const streamed = streamText({ model: openai.chat('gpt-4o'), prompt: 'Tell me about Lisbon' });
    expect(await streamed.text).toBe(result.text);
  });

  it('serves LangChain ChatOpenAI through configuration.fetch', async () => {
    await using mock = await createMockFetch({ seed: 3, warn: () => {} });
    const model = new ChatOpenAI({
      model: 'gpt-4o',
      apiKey: 'sk-fetch-0000000000',
      maxRetries: 0,
      configuration: { baseURL: BASE, fetch: mock.fetch },
    });
    const reply = await model.invoke('Tell me about Lisbon');
    expect(String(reply.content).length).toBeGreaterThan(0);
    expect(mock.journal.entries().map((e) => e.path)).toEqual(['/v1/chat/completions']);
  });
});
