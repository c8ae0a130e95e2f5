import { createReadStream } from 'node:fs';
import { mkdtemp, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/client.js';
import { fileFromPath, toFile } from '../../src/client/uploads.js';
import { fakeFetch, json } from './helpers/fake-fetch.js';
import { chatCompletion, responseObject } from './helpers/samples.js';
import { startScriptedServer } from './helpers/scripted-server.js';

function client(...answers: Parameters<typeof fakeFetch>) {
  const fake = fakeFetch(...answers);
  return {
    ...fake,
    client: new OpenAIClient({ apiKey: 'k', baseURL: 'http://mock.test/v1', fetch: fake.fetch }),
  };
}

const line = (c: { method: string; url: URL }) => `${c.method} ${c.url.pathname}${c.url.search}`;

describe("resources send the official SDK's requests", () => {
  it('responses: create, retrieve, delete, cancel, inputItems.list', async () => {
    const { client: c, calls } = client(
      json(responseObject('Hello ')),
      json(responseObject()),
      json(null),
      json(responseObject()),
      json({ object: 'list', data: [] }),
    );
    const created = await c.responses.create({ model: 'gpt-4.1-mini', input: 'hi' });
    expect(created.output_text).toBe('Hello ');
    await c.responses.retrieve('resp_1');
    await c.responses.delete('resp_1');
    await c.responses.cancel('resp_1');
    await c.responses.inputItems.list('resp_1', { limit: 5, order: 'asc' });
    expect(calls.map(line)).toEqual([
      'POST /v1/responses',
      'GET /v1/responses/resp_1',
      'DELETE /v1/responses/resp_1',
      'POST /v1/responses/resp_1/cancel',
      'GET /v1/responses/resp_1/input_items?limit=5&order=asc',
    ]);
  });

  it('chat.completions: create and the stored-completion calls', async () => {
    const { client: c, calls } = client(
      json(chatCompletion()),
      json(chatCompletion()),
      json(chatCompletion()),
      json({ object: 'list', data: [] }),
      json({ id: 'chatcmpl-1', object: 'chat.completion.deleted', deleted: true }),
      json({ object: 'list', data: [] }),
    );
    await c.chat.completions.create({
      model: 'gpt-4o-mini',
      messages: [{ role: 'user', content: 'hi' }],
      store: true,
    });
    await c.chat.completions.retrieve('chatcmpl-1');
    await c.chat.completions.update('chatcmpl-1', { metadata: { topic: 'x' } });
    await c.chat.completions.list({ limit: 10 });
    await c.chat.completions.delete('chatcmpl-1');
    await c.chat.completions.messages.list('chatcmpl-1', { limit: 2 });
    expect(calls.map(line)).toEqual([
      'POST /v1/chat/completions',
      'GET /v1/chat/completions/chatcmpl-1',
      'POST /v1/chat/completions/chatcmpl-1',
      'GET /v1/chat/completions?limit=10',
      'DELETE /v1/chat/completions/chatcmpl-1',
      'GET /v1/chat/completions/chatcmpl-1/messages?limit=2',
    ]);
    expect(JSON.parse(String(calls[2]?.body))).toEqual({ metadata: { topic: 'x' } });
  });

  it('batches and models', async () => {
    const { client: c, calls } = client(json({ id: 'batch_1' }));
    await c.batches.create({
      input_file_id: 'file-1',
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
    });
    await c.batches.retrieve('batch_1');
    await c.batches.list({ limit: 1 });
    await c.batches.cancel('batch_1');
    await c.models.list();
    await c.models.retrieve('ft:gpt-4o:org:x:1');
    await c.models.delete('ft:gpt-4o:org:x:1');
    expect(calls.map(line)).toEqual([
      'POST /v1/batches',
      'GET /v1/batches/batch_1',
      'GET /v1/batches?limit=1',
      'POST /v1/batches/batch_1/cancel',
      'GET /v1/models',
      'GET /v1/models/ft%3Agpt-4o%3Aorg%3Ax%3A1',
      'DELETE /v1/models/ft%3Agpt-4o%3Aorg%3Ax%3A1',
    ]);
  });
});

describe('embeddings', () => {
  const floats = [0.5, -1.25, 3.140000104904175];
  const base64 = Buffer.from(new Float32Array(floats).buffer).toString('base64');
  const answer = (embedding: unknown) =>
    json({
      object: 'list',
      model: 'text-embedding-3-small',
      data: [{ object: 'embedding', index: 0, embedding }],
      usage: { prompt_tokens: 2, total_tokens: 2 },
    });

  it('asks for base64 and decodes it to floats when no format is given', async () => {
    const { client: c, calls } = client(answer(base64));
    const result = await c.embeddings.create({ model: 'text-embedding-3-small', input: 'hi' });
    expect(JSON.parse(String(calls[0]?.body))).toMatchObject({ encoding_format: 'base64' });
    expect(result.data[0]?.embedding).toEqual(floats);
  });

  it('returns what the API sent when the format is explicit', async () => {
    const asFloat = client(answer(floats));
    expect(
      (await asFloat.client.embeddings.create({ model: 'm', input: 'hi', encoding_format: 'float' })).data[0]
        ?.embedding,
    ).toEqual(floats);
    expect(JSON.parse(String(asFloat.calls[0]?.body)).encoding_format).toBe('float');
    const asBase64 = client(answer(base64));
    expect(
      (await asBase64.client.embeddings.create({ model: 'm', input: 'hi', encoding_format: 'base64' }))
        .data[0]?.embedding,
    ).toBe(base64);
  });
});

describe('files', () => {
  const uploaded = json({
    id: 'file-1',
    object: 'file',
    bytes: 3,
    created_at: 1,
    filename: 'x',
    purpose: 'batch',
  });

  async function uploadedFile(file: Parameters<OpenAIClient['files']['create']>[0]['file']) {
    const { client: c, calls } = client(uploaded);
    await c.files.create({ file, purpose: 'batch' });
    const body = calls[0]?.body;
    // In-memory files go as a FormData (fetch frames it); streams as a multipart stream we frame.
    if (body instanceof FormData) expect(calls[0]?.headers.has('content-type')).toBe(false);
    else expect(body).toBeInstanceOf(ReadableStream);
    const contentType = calls[0]?.headers.get('content-type') ?? undefined;
    const form = await new Response(
      body,
      contentType ? { headers: { 'content-type': contentType } } : {},
    ).formData();
    expect(form.get('purpose')).toBe('batch');
    const part = form.get('file') as File;
    return { name: part.name, text: await part.text() };
  }

  it('uploads a Blob, a File, a Buffer, a web stream and a Node stream as multipart', async () => {
    expect(await uploadedFile(new Blob(['{"a":1}']))).toEqual({ name: 'upload', text: '{"a":1}' });
    expect(await uploadedFile(new File(['x'], 'input.jsonl'))).toEqual({ name: 'input.jsonl', text: 'x' });
    expect(await uploadedFile(await toFile(Buffer.from('buf'), 'b.jsonl'))).toEqual({
      name: 'b.jsonl',
      text: 'buf',
    });
    expect(await uploadedFile(Buffer.from('raw'))).toEqual({ name: 'upload', text: 'raw' });
    const web = new ReadableStream<Uint8Array>({
      start(c) {
        c.enqueue(new TextEncoder().encode('we'));
        c.enqueue(new TextEncoder().encode('b'));
        c.close();
      },
    });
    expect(await uploadedFile(web)).toEqual({ name: 'upload', text: 'web' });
    expect(await uploadedFile(Readable.from([Buffer.from('no'), 'de']))).toEqual({
      name: 'upload',
      text: 'node',
    });
  });

  it('uploads from a path and from a file read stream, named after the file', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'client-upload-'));
    const path = join(dir, 'requests.jsonl');
    await writeFile(path, '{"custom_id":"1"}\n');
    expect(await uploadedFile(fileFromPath(path))).toEqual({
      name: 'requests.jsonl',
      text: '{"custom_id":"1"}\n',
    });
    expect(await uploadedFile(createReadStream(path))).toEqual({
      name: 'requests.jsonl',
      text: '{"custom_id":"1"}\n',
    });
  });

  it('sends a real multipart body that a server can read, and resends it on retry', async () => {
    const server = await startScriptedServer([{ status: 500 }, { json: { id: 'file-1' } }]);
    const c = new OpenAIClient({ apiKey: 'k', baseURL: server.baseURL, backoff: { initialDelayMs: 1 } });
    await c.files.create({
      file: await toFile(Buffer.from('line\n'), 'in.jsonl'),
      purpose: 'batch',
      expires_after: { anchor: 'created_at', seconds: 3600 },
    });
    expect(server.requests).toHaveLength(2);
    for (const request of server.requests) {
      expect(request.headers['content-type']).toMatch(/^multipart\/form-data; boundary=/);
      const text = request.body.toString();
      expect(text).toContain('filename="in.jsonl"');
      expect(text).toContain('line\n');
      expect(text).toContain('name="expires_after[seconds]"\r\n\r\n3600');
    }
  });

  it('retrieve, list, delete and content', async () => {
    const { client: c, calls } = client(
      uploaded,
      json({ object: 'list', data: [] }),
      json({ id: 'file-1', deleted: true }),
      () => new Response('raw bytes'),
    );
    await c.files.retrieve('file-1');
    await c.files.list({ purpose: 'batch' });
    await c.files.delete('file-1');
    const content = await c.files.content('file-1');
    expect(await content.text()).toBe('raw bytes');
    expect(calls.map(line)).toEqual([
      'GET /v1/files/file-1',
      'GET /v1/files?purpose=batch',
      'DELETE /v1/files/file-1',
      'GET /v1/files/file-1/content',
    ]);
    expect(calls[3]?.headers.get('accept')).toBe('application/binary');
  });
});
