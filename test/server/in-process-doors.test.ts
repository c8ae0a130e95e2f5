import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Engine } from '../../src/compose.js';
import { setupOpenAIMock } from '../../src/server/msw.js';
import { setupOpenAIMockWithNock } from '../../src/server/nock.js';

const baseURL = ['https://api.openai.com', 'https://proxy.example/openai/v1'];

/** The same behaviour through both in-process doors; where they must differ, the case says how. */
const doors = [
  {
    name: 'msw',
    setup: () => setupOpenAIMock({ seed: 3, warn: () => {}, baseURL }),
    // msw hands the engine the raw body, which answers malformed JSON as the real API does.
    malformedJson: async (res: Promise<Response>) => {
      const r = await res;
      expect(r.status).toBe(400);
      expect(((await r.json()) as { error: { message: string } }).error.message).toMatch(
        /could not parse the JSON body/,
      );
    },
  },
  {
    name: 'nock',
    setup: () => setupOpenAIMockWithNock({ seed: 3, warn: () => {}, baseURL }),
    // nock parses JSON bodies itself before any reply callback; the door names that limitation.
    malformedJson: async (res: Promise<Response>) => {
      const failed = await res.catch((e: unknown) => e);
      expect(String((failed as Error).cause ?? failed)).toMatch(
        /not valid JSON, and nock fails on such bodies/,
      );
    },
  },
];

describe.each(doors)('the $name door', (door) => {
  let mock: { engine: Engine; close(): Promise<void> };
  let client: OpenAI;
  beforeAll(async () => {
    mock = await door.setup();
    // The SDK keeps the fetch it finds when constructed: build clients after the door has patched it.
    client = new OpenAI({ apiKey: 'sk-test-0000000000', maxRetries: 0 });
  });
  afterAll(() => mock.close());

  it('answers the SDK at https://api.openai.com with no port open', async () => {
    const models = await client.models.list();
    expect(models.data.length).toBeGreaterThan(3);
    expect(mock.engine.journal.entries().at(-1)).toMatchObject({
      method: 'GET',
      path: '/v1/models',
      status: 200,
    });
  });

  it('serves a base URL with a path before /v1', async () => {
    const proxied = new OpenAI({
      apiKey: 'sk-test-0000000000',
      baseURL: 'https://proxy.example/openai/v1',
      maxRetries: 0,
    });
    expect((await proxied.models.retrieve('gpt-4o')).id).toBe('gpt-4o');
    expect(mock.engine.journal.entries().at(-1)?.path).toBe('/v1/models/gpt-4o');
  });

  it('streams server-sent events the SDK reads chunk by chunk', async () => {
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const chunks = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(2);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
  });

  it('answers errors as the real API does', async () => {
    const error = await client.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_/);
    await door.malformedJson(
      fetch('https://api.openai.com/v1/chat/completions', {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: '{"model": ',
      }),
    );
  });

  it('turns a reset fault into a network error and a stream cut into a broken stream', async () => {
    mock.engine.faults.add({ match: { path: '/models' }, type: 'reset', times: 1 });
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    mock.engine.faults.add({
      match: { path: '/chat/completions' },
      type: 'stream_cut',
      afterChunks: 1,
      times: 1,
    });
    const stream = await client.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      stream: true,
    });
    const seen: unknown[] = [];
    await expect(
      (async () => {
        for await (const c of stream) seen.push(c);
      })(),
    ).rejects.toThrow();
    expect(seen).toHaveLength(1);
  });
});
