// The resources added for issue 20, against our own server (response checks on: every answer must also
// validate against the OpenAPI document), with the official SDK as the reference where answers are
// deterministic: conversations and items, uploads and parts, moderations, images (streamed partial images
// too), audio (speech as bytes and as events, every transcription format, streamed transcripts), vector
// stores with files, file batches and search, and the Responses extras.

import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import OpenAI, { toFile as sdkToFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { fileFromPath, OpenAIClient, Page, Stream } from '../../src/client/index.js';
import { useMockServer } from '../helpers/server.js';

// acceptAnyModel: the diarizing transcription model is not in the default model list.
const server = await useMockServer({ acceptAnyModel: true });
const client = new OpenAIClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });
const sdk = new OpenAI({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });

const wav = () => new File([new Uint8Array(32_000).fill(7)], 'hello.wav', { type: 'audio/wav' });

describe('conversations and their items', () => {
  it('create, retrieve, update, add and list items (paged), retrieve and delete an item, delete', async () => {
    const conversation = await client.conversations.create({
      metadata: { topic: 'demo' },
      items: [{ type: 'message', role: 'user', content: 'Hello!' }],
    });
    expect(conversation).toMatchObject({ object: 'conversation', metadata: { topic: 'demo' } });
    expect(await client.conversations.retrieve(conversation.id)).toMatchObject({ id: conversation.id });
    expect(
      (await client.conversations.update(conversation.id, { metadata: { topic: 'b' } })).metadata,
    ).toEqual({
      topic: 'b',
    });

    const added = await client.conversations.items.create(conversation.id, {
      items: [
        { type: 'message', role: 'user', content: 'One' },
        { type: 'message', role: 'user', content: 'Two' },
      ],
    });
    expect(added.data).toHaveLength(2);
    const firstPage = await client.conversations.items.list(conversation.id, { limit: 2, order: 'asc' });
    expect(firstPage.data).toHaveLength(2);
    expect(firstPage.hasNextPage()).toBe(true);
    const all = [];
    for await (const item of client.conversations.items.list(conversation.id, { limit: 1, order: 'asc' }))
      all.push(item);
    expect(all).toHaveLength(3);

    const itemId = added.data[0]?.id as string;
    expect(
      await client.conversations.items.retrieve(itemId, { conversation_id: conversation.id }),
    ).toMatchObject({
      id: itemId,
    });
    await client.conversations.items.delete(itemId, { conversation_id: conversation.id });
    expect((await client.conversations.items.list(conversation.id)).data).toHaveLength(2);
    expect(await client.conversations.delete(conversation.id)).toMatchObject({ deleted: true });
  });
});

describe('uploads and parts', () => {
  it('uploadFile sends a file from disk in parts and completes it into a file with the same bytes', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'client-uploads-'));
    const path = join(dir, 'lines.jsonl');
    const text = Array.from({ length: 300 }, (_, i) => JSON.stringify({ custom_id: `r${i}` })).join('\n');
    await writeFile(path, text);
    const upload = await client.uploads.uploadFile({
      file: fileFromPath(path),
      purpose: 'batch',
      partSize: 1000,
    });
    expect(upload).toMatchObject({ status: 'completed', filename: 'lines.jsonl', bytes: text.length });
    expect(server.journal.entries().filter((e) => e.operationId === 'addUploadPart')).toHaveLength(
      Math.ceil(text.length / 1000),
    );
    expect(await (await client.files.content(upload.file?.id as string)).text()).toBe(text);
  });

  it('create, parts.create, cancel', async () => {
    const upload = await client.uploads.create({
      bytes: 3,
      filename: 'x.jsonl',
      mime_type: 'text/jsonl',
      purpose: 'batch',
    });
    const part = await client.uploads.parts.create(upload.id, { data: new Blob(['abc']) });
    expect(part).toMatchObject({ object: 'upload.part', upload_id: upload.id });
    expect(await client.uploads.cancel(upload.id)).toMatchObject({ status: 'cancelled' });
  });
});

describe('moderations', () => {
  it('answers as the official SDK gets it', async () => {
    const input = ['I love kittens.', 'I will hurt you.'];
    const mine = await client.moderations.create({ model: 'omni-moderation-latest', input });
    const theirs = await sdk.moderations.create({ model: 'omni-moderation-latest', input });
    expect(mine.results).toHaveLength(2);
    expect(mine.results).toEqual(theirs.results);
  });
});

describe('images', () => {
  it('generate, stream partial images, edit and make variations', async () => {
    const generated = await client.images.generate({
      model: 'gpt-image-1',
      prompt: 'A red apple',
      size: '1024x1024',
    });
    const png = Buffer.from(generated.data?.[0]?.b64_json as string, 'base64');
    expect([...png.subarray(1, 4)].map((b) => String.fromCharCode(b)).join('')).toBe('PNG');

    const stream = await client.images.generate({
      model: 'gpt-image-1',
      prompt: 'A pear',
      stream: true,
      partial_images: 2,
    });
    expect(stream).toBeInstanceOf(Stream);
    const types: string[] = [];
    for await (const event of stream) types.push(event.type);
    expect(types).toEqual([
      'image_generation.partial_image',
      'image_generation.partial_image',
      'image_generation.completed',
    ]);

    const edited = await client.images.edit({
      model: 'gpt-image-1',
      prompt: 'Make it green',
      image: new File([png], 'a.png', { type: 'image/png' }),
    });
    expect(edited.data).toHaveLength(1);
    const two = await client.images.edit({
      model: 'gpt-image-1',
      prompt: 'Combine',
      image: [
        new File([png], 'a.png', { type: 'image/png' }),
        new File([png], 'b.png', { type: 'image/png' }),
      ],
    });
    expect(two.data).toHaveLength(1);
    const variations = await client.images.createVariation({
      model: 'dall-e-2',
      image: new File([png], 'a.png'),
      n: 2,
      response_format: 'b64_json',
    });
    expect(variations.data).toHaveLength(2);
  });
});

describe('audio', () => {
  it('speech as bytes, as a byte stream, and as events', async () => {
    const params = {
      model: 'gpt-4o-mini-tts',
      input: 'Hello there.',
      voice: 'alloy',
      response_format: 'wav' as const,
    };
    const bytes = new Uint8Array(await (await client.audio.speech.create(params)).arrayBuffer());
    const theirs = new Uint8Array(await (await sdk.audio.speech.create(params)).arrayBuffer());
    expect(bytes).toEqual(theirs);
    expect(new TextDecoder().decode(bytes.subarray(0, 4))).toBe('RIFF');

    const body = (await client.audio.speech.create(params)).body as ReadableStream<Uint8Array>;
    let streamed = 0;
    for await (const chunk of body as unknown as AsyncIterable<Uint8Array>) streamed += chunk.byteLength;
    expect(streamed).toBe(bytes.byteLength);

    const events = [];
    for await (const event of await client.audio.speech.stream(params)) events.push(event.type);
    expect(events.at(-1)).toBe('speech.audio.done');
    expect(events.filter((t) => t === 'speech.audio.delta').length).toBeGreaterThan(0);
  });

  it('transcriptions and translations in every response format, as the official SDK gets them', async () => {
    for (const format of ['json', 'text', 'srt', 'vtt', 'verbose_json'] as const) {
      const mine = await client.audio.transcriptions.create({
        file: wav(),
        model: 'whisper-1',
        response_format: format,
      });
      const theirs = await sdk.audio.transcriptions.create({
        file: await sdkToFile(wav(), 'hello.wav'),
        model: 'whisper-1',
        response_format: format,
      });
      expect(mine, format).toEqual(theirs);
      expect(typeof mine === 'string', format).toBe(['text', 'srt', 'vtt'].includes(format));
    }
    const words = await client.audio.transcriptions.create({
      file: wav(),
      model: 'whisper-1',
      response_format: 'verbose_json',
      timestamp_granularities: ['word', 'segment'],
    });
    expect(words.words?.length).toBeGreaterThan(0);
    const diarized = await client.audio.transcriptions.create({
      file: wav(),
      model: 'gpt-4o-transcribe-diarize',
      response_format: 'diarized_json',
      chunking_strategy: 'auto',
    });
    expect(Array.isArray(diarized.segments)).toBe(true);
    const translated = await client.audio.translations.create({
      file: wav(),
      model: 'whisper-1',
      response_format: 'text',
    });
    expect(typeof translated).toBe('string');
  });

  it('streams transcript events that add up to the text', async () => {
    const stream = await client.audio.transcriptions.create({
      file: wav(),
      model: 'gpt-4o-mini-transcribe',
      stream: true,
    });
    let deltas = '';
    let done = '';
    for await (const event of stream) {
      if (event.type === 'transcript.text.delta') deltas += event.delta;
      if (event.type === 'transcript.text.done') done = event.text;
    }
    expect(done.length).toBeGreaterThan(0);
    expect(deltas).toBe(done);
  });
});

describe('vector stores', () => {
  it('stores, files, file batches and search: each call reaches its operation and reads its answer', async () => {
    const file = await client.files.create({ file: new File(['hello'], 'notes.txt'), purpose: 'assistants' });
    const store = await client.vectorStores.create({ name: 'notes', file_ids: [file.id] });
    expect(store.object).toBe('vector_store');
    await client.vectorStores.retrieve(store.id);
    await client.vectorStores.update(store.id, { name: 'renamed' });
    expect(await client.vectorStores.list({ limit: 2 })).toBeInstanceOf(Page);
    const attached = await client.vectorStores.files.create(store.id, {
      file_id: file.id,
      attributes: { lang: 'en' },
    });
    expect(attached.object).toBe('vector_store.file');
    await client.vectorStores.files.retrieve(file.id, { vector_store_id: store.id });
    await client.vectorStores.files.update(file.id, {
      vector_store_id: store.id,
      attributes: { lang: 'fr' },
    });
    await client.vectorStores.files.list(store.id, { filter: 'completed' });
    await client.vectorStores.files.content(file.id, { vector_store_id: store.id });
    const batch = await client.vectorStores.fileBatches.create(store.id, { file_ids: [file.id] });
    expect(batch.object).toBe('vector_store.files_batch');
    await client.vectorStores.fileBatches.retrieve(batch.id, { vector_store_id: store.id });
    await client.vectorStores.fileBatches.listFiles(batch.id, { vector_store_id: store.id, limit: 5 });
    await client.vectorStores.fileBatches.cancel(batch.id, { vector_store_id: store.id });
    const results = await client.vectorStores.search(store.id, { query: 'hello', max_num_results: 3 });
    expect(results).toBeInstanceOf(Page);
    expect(results.hasNextPage()).toBe(false);
    await client.vectorStores.files.delete(file.id, { vector_store_id: store.id });
    await client.vectorStores.delete(store.id);

    const operations = server.journal.entries().map((e) => [e.operationId, e.status]);
    expect(operations.filter(([, status]) => status !== 200)).toEqual([]);
    expect(new Set(operations.map(([op]) => op))).toEqual(
      new Set([
        'createFile',
        'createVectorStore',
        'getVectorStore',
        'modifyVectorStore',
        'listVectorStores',
        'createVectorStoreFile',
        'getVectorStoreFile',
        'updateVectorStoreFileAttributes',
        'listVectorStoreFiles',
        'retrieveVectorStoreFileContent',
        'createVectorStoreFileBatch',
        'getVectorStoreFileBatch',
        'listFilesInVectorStoreBatch',
        'cancelVectorStoreFileBatch',
        'searchVectorStore',
        'deleteVectorStoreFile',
        'deleteVectorStore',
      ]),
    );
  });
});

describe('Responses extras', () => {
  it('input token counts match what create reports, compact, cancel and input items', async () => {
    const input = 'Count the tokens of this sentence, please.';
    const counted = await client.responses.inputTokens.count({ model: 'gpt-4o-mini', input });
    const created = await client.responses.create({ model: 'gpt-4o-mini', input });
    expect(counted).toMatchObject({ object: 'response.input_tokens' });
    expect(counted.input_tokens).toBe(created.usage?.input_tokens);

    const compacted = await client.responses.compact({
      model: 'gpt-4o-mini',
      previous_response_id: created.id,
    });
    expect(compacted.object).toBe('response.compaction');

    const items = await client.responses.inputItems.list(created.id);
    expect(items.data.length).toBeGreaterThan(0);

    const background = await client.responses.create({ model: 'gpt-4o-mini', input, background: true });
    expect((await client.responses.cancel(background.id)).status).toBe('cancelled');
  });
});
