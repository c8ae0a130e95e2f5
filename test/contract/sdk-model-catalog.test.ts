import { readFile } from 'node:fs/promises';
import OpenAI from 'openai';
import { describe, expect, it } from 'vitest';
import { createContract, loadContract, locateSpec, modelsInDocument } from '../../src/contract/index.js';
import { startMockServer } from '../../src/server/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer();
const client = server.client;
const documentModels = modelsInDocument((await loadContract()).document);

const failure = <T>(promise: Promise<T>) =>
  promise.then(
    () => {
      throw new Error('expected the request to fail');
    },
    (e: unknown) => e as InstanceType<typeof OpenAI.APIError>,
  );
const hi = [{ role: 'user' as const, content: 'hi' }];

describe('the model catalog is the document’s', () => {
  it('lists and retrieves every model id the document names in a model enum', async () => {
    expect(documentModels.length).toBeGreaterThan(100);
    const listed = new Set((await client.models.list()).data.map((m) => m.id));
    const missing = documentModels.map((m) => m.id).filter((id) => !listed.has(id));
    expect(missing).toEqual([]);
    for (const id of ['gpt-5.4', 'gpt-5.6-sol', 'gpt-image-2', 'sora-2'])
      expect(await client.models.retrieve(id)).toMatchObject({ id, object: 'model' });
  });

  it('knows each model’s family: kind, context window, output limit, dimensions', () => {
    const find = (id: string) => server.engine.models.find(id);
    expect(find('gpt-5.4')).toMatchObject({
      kind: 'reasoning',
      contextWindow: 400_000,
      maxOutputTokens: 128_000,
    });
    expect(find('gpt-5.3-chat-latest')).toMatchObject({ kind: 'chat', contextWindow: 128_000 });
    expect(find('gpt-image-2')?.kind).toBe('image');
    expect(find('sora-2-pro')?.kind).toBe('video');
    expect(find('gpt-realtime-2')?.kind).toBe('realtime');
    expect(find('gpt-4o-mini-tts-2025-12-15')?.kind).toBe('tts');
    expect(find('gpt-4o-transcribe-diarize')?.kind).toBe('transcription');
    expect(find('omni-moderation-2024-09-26')?.kind).toBe('moderation');
    expect(find('text-embedding-3-large')).toMatchObject({ kind: 'embedding', dimensions: 3072 });
    expect(find('o3-deep-research')).toMatchObject({ kind: 'reasoning', responsesOnly: true });
  });

  it('resolves dated snapshots to their base and dates them', async () => {
    const snapshot = await client.models.retrieve('gpt-5.4-mini-2026-03-17');
    expect(new Date(snapshot.created * 1000).toISOString().slice(0, 10)).toBe('2026-03-17');
    // A snapshot the document does not name still resolves to its base.
    expect(server.engine.models.find('gpt-5.4-2026-09-09')).toMatchObject({
      kind: 'reasoning',
      contextWindow: 400_000,
    });
    const reply = await client.chat.completions.create({ model: 'gpt-5.4-2026-09-09', messages: hi });
    expect(reply.model).toBe('gpt-5.4-2026-09-09');
    expect(reply.usage?.completion_tokens_details?.reasoning_tokens).toBeGreaterThan(0);
  });

  it('takes the new models of a new document with no code change', async () => {
    const { path } = locateSpec();
    const doc = JSON.parse(await readFile(path, 'utf8'));
    const shared = doc.components.schemas.ModelIdsShared.anyOf.find((s: { enum?: string[] }) => s.enum);
    shared.enum.push('gpt-9-preview');
    const embedding = doc.components.schemas.CreateEmbeddingRequest.properties.model.anyOf.find(
      (s: { enum?: string[] }) => s.enum,
    );
    embedding.enum.push('text-embedding-9');
    await using next = await startMockServer({ port: 0, contract: createContract(doc), warn: () => {} });
    const nextClient = new OpenAI({ apiKey: 'sk-x', baseURL: next.url, maxRetries: 0 });
    const reply = await nextClient.chat.completions.create({ model: 'gpt-9-preview', messages: hi });
    expect(reply.choices[0]?.message.content).toBeTruthy();
    const vectors = await nextClient.embeddings.create({ model: 'text-embedding-9', input: 'x' });
    expect(vectors.data[0]?.embedding).toHaveLength(1536);
    const wrong = await failure(
      nextClient.chat.completions.create({ model: 'text-embedding-9', messages: hi }),
    );
    expect(wrong.status).toBe(404);
    // The default document does not know them.
    expect((await failure(client.models.retrieve('gpt-9-preview'))).status).toBe(404);
  });
});

describe('a model of the wrong kind gets the real error', () => {
  it('an embedding model on chat completions: 404, not a chat model', async () => {
    const e = await failure(
      client.chat.completions.create({ model: 'text-embedding-3-small', messages: hi }),
    );
    expect(e).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e.message).toBe(
      '404 This is not a chat model and thus not supported in the v1/chat/completions endpoint. Did you mean to use v1/completions?',
    );
    expect(e.param).toBe('model');
  });

  it('a Responses-only model on chat completions: 404, only supported in v1/responses', async () => {
    const e = await failure(client.chat.completions.create({ model: 'o3-deep-research', messages: hi }));
    expect(e).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e.message).toBe(
      '404 This model is only supported in v1/responses and not in v1/chat/completions.',
    );
    // …which the Responses API serves.
    const response = await client.responses.create({ model: 'o3-deep-research', input: 'hi' });
    expect(response.status).toBe('completed');
  });

  it('an embedding or video model on the Responses API: 400', async () => {
    for (const model of ['text-embedding-3-small', 'sora-2']) {
      const e = await failure(client.responses.create({ model, input: 'hi' }));
      expect(e).toBeInstanceOf(OpenAI.BadRequestError);
      expect(e.param).toBe('model');
    }
  });

  it('a chat model on embeddings: 403, not allowed to generate embeddings', async () => {
    const e = await failure(client.embeddings.create({ model: 'gpt-5.4', input: 'x' }));
    expect(e).toBeInstanceOf(OpenAI.PermissionDeniedError);
    expect(e.message).toBe('403 You are not allowed to generate embeddings from this model');
  });

  it('a chat model on legacy completions: 404, a chat model', async () => {
    const e = await failure(client.completions.create({ model: 'gpt-4o', prompt: 'x' }));
    expect(e).toBeInstanceOf(OpenAI.NotFoundError);
    expect(e.message).toContain('This is a chat model and not supported in the v1/completions endpoint.');
  });
});
