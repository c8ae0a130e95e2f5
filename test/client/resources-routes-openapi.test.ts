// The client's resources are hand-written; this keeps their routes honest. Every method is called once
// through a recording fetch, and each request's method and path must be an operation of OpenAI's OpenAPI
// document, and every operation of the areas the client covers must be reached by some method.

import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/index.js';
import { locateSpec } from '../../src/contract/locate-spec.js';
import { fakeFetch } from './helpers/fake-fetch.js';

const document = JSON.parse(readFileSync(locateSpec().path, 'utf8')) as {
  paths: Record<string, Record<string, { operationId?: string }>>;
};

const operations = Object.entries(document.paths)
  .filter(([path]) => !path.includes('?'))
  .flatMap(([path, methods]) =>
    Object.entries(methods)
      .filter(([, op]) => typeof op === 'object' && op?.operationId)
      .map(([method, op]) => ({
        id: op.operationId as string,
        method: method.toUpperCase(),
        path,
        pattern: new RegExp(`^${path.replace(/\{[^}]+\}/g, '[^/]+')}$`),
      })),
  );

/** The API areas this client covers (organization, fine-tuning, assistants, … are left to `client.request`). */
const AREAS =
  /^\/(responses|chat\/completions|embeddings|files|uploads|batches|models|conversations|moderations|images|audio\/(speech|transcriptions|translations)|vector_stores)(\/|$)/;

const answer = (call: { url: URL }) =>
  call.url.pathname.endsWith('/content') && call.url.pathname.startsWith('/v1/files')
    ? new Response('x')
    : call.url.pathname.includes('/audio/speech')
      ? new Response(new Uint8Array(4))
      : new Response(JSON.stringify({ object: 'list', data: [], id: 'x', output: [], choices: [] }), {
          headers: { 'content-type': 'application/json' },
        });

async function everyCall(client: OpenAIClient): Promise<void> {
  const file = new File(['x'], 'a.wav');
  const c = client;
  const calls: Array<() => PromiseLike<unknown>> = [
    () => c.responses.create({ model: 'm', input: 'x' }),
    () => c.responses.retrieve('r'),
    () => c.responses.delete('r'),
    () => c.responses.cancel('r'),
    () => c.responses.inputItems.list('r'),
    () => c.responses.inputTokens.count({ model: 'm' }),
    () => c.responses.compact({ model: 'm' }),
    () => c.chat.completions.create({ model: 'm', messages: [] }),
    () => c.chat.completions.retrieve('c'),
    () => c.chat.completions.update('c', { metadata: {} }),
    () => c.chat.completions.list(),
    () => c.chat.completions.delete('c'),
    () => c.chat.completions.messages.list('c'),
    () => c.embeddings.create({ model: 'm', input: 'x', encoding_format: 'float' }),
    () => c.files.create({ file, purpose: 'batch' }),
    () => c.files.retrieve('f'),
    () => c.files.list(),
    () => c.files.delete('f'),
    () => c.files.content('f'),
    () => c.uploads.create({ bytes: 1, filename: 'a', mime_type: 'text/plain', purpose: 'batch' }),
    () => c.uploads.parts.create('u', { data: file }),
    () => c.uploads.complete('u', { part_ids: [] }),
    () => c.uploads.cancel('u'),
    () =>
      c.batches.create({ input_file_id: 'f', endpoint: '/v1/chat/completions', completion_window: '24h' }),
    () => c.batches.retrieve('b'),
    () => c.batches.list(),
    () => c.batches.cancel('b'),
    () => c.models.list(),
    () => c.models.retrieve('m'),
    () => c.models.delete('m'),
    () => c.conversations.create(),
    () => c.conversations.retrieve('c'),
    () => c.conversations.update('c', { metadata: {} }),
    () => c.conversations.delete('c'),
    () => c.conversations.items.create('c', { items: [] }),
    () => c.conversations.items.list('c'),
    () => c.conversations.items.retrieve('i', { conversation_id: 'c' }),
    () => c.conversations.items.delete('i', { conversation_id: 'c' }),
    () => c.moderations.create({ input: 'x' }),
    () => c.images.generate({ prompt: 'x' }),
    () => c.images.edit({ prompt: 'x', image: file }),
    () => c.images.createVariation({ image: file }),
    () => c.audio.speech.create({ model: 'm', input: 'x', voice: 'v' }),
    () => c.audio.transcriptions.create({ file, model: 'm' }),
    () => c.audio.translations.create({ file, model: 'm' }),
    () => c.vectorStores.create(),
    () => c.vectorStores.retrieve('v'),
    () => c.vectorStores.update('v', {}),
    () => c.vectorStores.list(),
    () => c.vectorStores.delete('v'),
    () => c.vectorStores.search('v', { query: 'x' }),
    () => c.vectorStores.files.create('v', { file_id: 'f' }),
    () => c.vectorStores.files.retrieve('f', { vector_store_id: 'v' }),
    () => c.vectorStores.files.update('f', { vector_store_id: 'v', attributes: {} }),
    () => c.vectorStores.files.list('v'),
    () => c.vectorStores.files.delete('f', { vector_store_id: 'v' }),
    () => c.vectorStores.files.content('f', { vector_store_id: 'v' }),
    () => c.vectorStores.fileBatches.create('v', { file_ids: [] }),
    () => c.vectorStores.fileBatches.retrieve('b', { vector_store_id: 'v' }),
    () => c.vectorStores.fileBatches.cancel('b', { vector_store_id: 'v' }),
    () => c.vectorStores.fileBatches.listFiles('b', { vector_store_id: 'v' }),
  ];
  for (const call of calls) await call();
}

describe('resource routes against the OpenAPI document', () => {
  it('every method calls an operation of the document, and every covered operation has a method', async () => {
    const fake = fakeFetch(answer);
    await everyCall(new OpenAIClient({ apiKey: 'k', baseURL: 'http://mock.test/v1', fetch: fake.fetch }));
    const reached = new Set<string>();
    for (const call of fake.calls) {
      const path = call.url.pathname.replace(/^\/v1/, '');
      const op = operations.find((o) => o.method === call.method && o.pattern.test(path));
      expect(op, `${call.method} ${path} is not an operation of the document`).toBeDefined();
      reached.add(op?.id as string);
    }
    const covered = operations.filter((o) => AREAS.test(o.path)).map((o) => o.id);
    expect(covered.filter((id) => !reached.has(id))).toEqual([]);
  });
});
