import OpenAI from 'openai';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { ConnectionCutError } from '../../src/engine/index.js';
import { type OpenAIMswMock, setupOpenAIMock } from '../../src/server/msw.js';

describe('the msw door', () => {
  let mock: OpenAIMswMock;
  let client: OpenAI;
  beforeAll(async () => {
    mock = await setupOpenAIMock({
      seed: 3,
      warn: () => {},
      baseURL: ['https://api.openai.com', 'https://proxy.example/openai/v1'],
    });
    // The SDK keeps the fetch it finds when constructed: build clients after msw has patched it.
    client = new OpenAI({ apiKey: 'sk-test-0000000000', maxRetries: 0 });
  });
  afterAll(() => mock.close());

  it('answers the SDK at https://api.openai.com with no port open', async () => {
    const models = await client.models.list();
    expect(models.data.length).toBeGreaterThan(3);
    const entry = mock.engine.journal.entries().at(-1);
    expect(entry).toMatchObject({ method: 'GET', path: '/v1/models', status: 200 });
  });

  it('serves a base URL with a path before /v1', async () => {
    const proxied = new OpenAI({
      apiKey: 'sk-test-0000000000',
      baseURL: 'https://proxy.example/openai/v1',
      maxRetries: 0,
    });
    const model = await proxied.models.retrieve('gpt-4o');
    expect(model.id).toBe('gpt-4o');
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
    expect(chunks.length).toBeGreaterThan(0);
    expect(chunks.every((c) => c.object === 'chat.completion.chunk')).toBe(true);
  });

  it('answers errors as the real API does', async () => {
    const error = await client.chat.completions
      .create({ model: 'no-such-model', messages: [{ role: 'user', content: 'hi' }] })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_/);
    const res = await fetch('https://api.openai.com/v1/chat/completions', {
      method: 'POST',
      headers: { 'content-type': 'application/json' },
      body: '{"model": ',
    });
    expect(res.status).toBe(400);
    expect(((await res.json()) as { error: { message: string } }).error.message).toMatch(
      /could not parse the JSON body/,
    );
  });

  it('turns a connection reset into a network error and a cut into a broken stream', async () => {
    const engine = mock.engine;
    let fault: 'reset' | 'cut' | null = 'reset';
    engine.use('faults', async (_ctx, next) => {
      if (fault === 'reset') return { status: 0, headers: {}, body: { kind: 'none' }, connection: 'reset' };
      if (fault === 'cut') {
        const response = await next();
        if (response.body.kind !== 'sse') return response;
        const events = response.body.events;
        return {
          ...response,
          body: {
            kind: 'sse',
            events: (async function* () {
              for await (const e of events) {
                yield e;
                throw new ConnectionCutError('cut');
              }
            })(),
          },
        };
      }
      return next();
    });
    await expect(client.models.list()).rejects.toBeInstanceOf(OpenAI.APIConnectionError);
    fault = 'cut';
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
    fault = null;
  });
});
