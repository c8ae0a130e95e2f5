import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();

describe('the official SDK against the models catalog', () => {
  it('lists the catalog and retrieves one model', async () => {
    const page = await server.client.models.list();
    const ids = page.data.map((m) => m.id);
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o', 'gpt-4o-mini', 'text-embedding-3-small', 'o3']));
    const model = await server.client.models.retrieve('gpt-4o');
    expect(model).toMatchObject({ id: 'gpt-4o', object: 'model' });
  });

  it('raises NotFoundError with model_not_found for an unknown model', async () => {
    const error = await server.client.models.retrieve('gpt-0').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.NotFoundError);
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).code).toBe('model_not_found');
    expect((error as InstanceType<typeof OpenAI.NotFoundError>).requestID).toMatch(/^req_/);
  });

  it('works with the bare root as base URL, as the SDK test suites use it', async () => {
    const client = new OpenAI({ apiKey: 'k', baseURL: server.origin, maxRetries: 0 });
    const model = await client.models.retrieve('gpt-4o-mini-2024-07-18');
    expect(model.id).toBe('gpt-4o-mini-2024-07-18');
  });

  it('demands a key when asked to, with the real 401 body', async () => {
    const strict = await import('../../src/server/index.js').then((m) =>
      m.startMockServer({ port: 0, requireApiKey: 'sk-right', warn: () => {} }),
    );
    try {
      const wrong = new OpenAI({ apiKey: 'sk-wrong-key-123456', baseURL: strict.url, maxRetries: 0 });
      const error = await wrong.models.list().catch((e: unknown) => e);
      expect(error).toBeInstanceOf(OpenAI.AuthenticationError);
      expect((error as InstanceType<typeof OpenAI.AuthenticationError>).code).toBe('invalid_api_key');
      const right = new OpenAI({ apiKey: 'sk-right', baseURL: strict.url, maxRetries: 0 });
      expect((await right.models.list()).data.length).toBeGreaterThan(10);
    } finally {
      await strict.close();
    }
  });
});
