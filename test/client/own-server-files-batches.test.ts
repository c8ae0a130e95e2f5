// Our client against our own server, resource by resource: uploads (from a path and from bytes), a batch
// polled to completion on a virtual clock, batches listed across pages, the output file downloaded and
// parsed; then chat and Responses streams, embeddings (asked as base64, decoded to floats) and models.

import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import {
  type Batch,
  type ChatCompletionChunk,
  fileFromPath,
  OpenAIClient,
  type ResponseStreamEvent,
  toFile,
  UsageMeter,
} from '../../src/client/index.js';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';

const clock = createVirtualClock(Date.UTC(2025, 0, 1));
const server = await useMockServer({ clock });
const client = new OpenAIClient({ apiKey: 'sk-test', baseURL: server.url, maxRetries: 0 });

const dir = await mkdtemp(join(tmpdir(), 'openai-mock-client-'));
afterAll(() => rm(dir, { recursive: true, force: true }));

const chatLine = (custom_id: string) => ({
  custom_id,
  method: 'POST',
  url: '/v1/chat/completions',
  body: { model: 'gpt-4o-mini', messages: [{ role: 'user', content: `Say hello to ${custom_id}` }] },
});
const jsonl = (lines: object[]) => `${lines.map((l) => JSON.stringify(l)).join('\n')}\n`;

async function uploadBatchInput(ids: string[]) {
  return client.files.create({
    file: await toFile(Buffer.from(jsonl(ids.map(chatLine))), 'input.jsonl'),
    purpose: 'batch',
  });
}

describe('files through our client', () => {
  it('uploads a JSONL file from a path and from a Buffer, and downloads the same bytes', async () => {
    const text = jsonl([chatLine('a'), chatLine('b')]);
    const path = join(dir, 'from-path.jsonl');
    await writeFile(path, text);

    const fromPath = await client.files.create({ file: fileFromPath(path), purpose: 'batch' });
    const fromBuffer = await client.files.create({
      file: await toFile(Buffer.from(text), 'from-buffer.jsonl'),
      purpose: 'batch',
    });
    const bytes = Buffer.byteLength(text);
    expect(fromPath).toMatchObject({ object: 'file', filename: 'from-path.jsonl', purpose: 'batch', bytes });
    expect(fromBuffer).toMatchObject({
      object: 'file',
      filename: 'from-buffer.jsonl',
      purpose: 'batch',
      bytes,
    });
    expect(fromPath.id).not.toBe(fromBuffer.id);

    for (const file of [fromPath, fromBuffer]) {
      expect(await client.files.retrieve(file.id)).toEqual(file);
      const content = await client.files.content(file.id);
      expect(content.status).toBe(200);
      expect(await content.text()).toBe(text);
    }
    const listed: string[] = [];
    for await (const file of client.files.list({ purpose: 'batch', limit: 1 })) listed.push(file.id);
    expect(listed.sort()).toEqual([fromPath.id, fromBuffer.id].sort());
    expect(server.journal.entries().filter((e) => e.operationId === 'createFile')).toHaveLength(2);
  });
});

describe('batches through our client, on a virtual clock', () => {
  it('polls a batch from validating to completed and parses its output file', async () => {
    const input = await uploadBatchInput(['a', 'b', 'c']);
    const created = await client.batches.create({
      input_file_id: input.id,
      endpoint: '/v1/chat/completions',
      completion_window: '24h',
      metadata: { job: 'nightly' },
    });
    expect(created).toMatchObject({ object: 'batch', status: 'validating', metadata: { job: 'nightly' } });

    const seen: string[] = [created.status];
    let batch: Batch = created;
    for (let step = 0; step < 50 && !['completed', 'failed', 'expired'].includes(batch.status); step++) {
      await server.engine.batches.advance(100);
      batch = await client.batches.retrieve(created.id);
      if (seen.at(-1) !== batch.status) seen.push(batch.status);
    }
    expect(seen).toEqual(['validating', 'in_progress', 'finalizing', 'completed']);
    expect(batch.request_counts).toEqual({ total: 3, completed: 3, failed: 0 });
    expect(batch.output_file_id).toEqual(expect.any(String));
    // 200 ms validating + 3 × 100 ms lines + 200 ms finalizing, on the virtual clock.
    expect(clock.now() - Date.UTC(2025, 0, 1)).toBe(700);

    const download = await client.files.content(batch.output_file_id!);
    const text = await download.text();
    expect(text.endsWith('\n')).toBe(true);
    const lines = text
      .trimEnd()
      .split('\n')
      .map((l) => JSON.parse(l));
    expect(lines.map((l) => l.custom_id)).toEqual(['a', 'b', 'c']);
    for (const line of lines) {
      expect(line.error).toBeNull();
      expect(line.response.status_code).toBe(200);
      expect(line.response.body).toMatchObject({ object: 'chat.completion', model: 'gpt-4o-mini' });
      expect(line.response.body.choices[0].message.content).toEqual(expect.any(String));
    }
  });

  it('lists batches across pages with for await, newest first', async () => {
    const input = await uploadBatchInput(['x']);
    const ids: string[] = [];
    for (let i = 0; i < 5; i++) {
      const batch = await client.batches.create({
        input_file_id: input.id,
        endpoint: '/v1/chat/completions',
        completion_window: '24h',
      });
      ids.push(batch.id);
      await clock.advance(1000); // distinct created_at seconds
    }
    const first = await client.batches.list({ limit: 2 });
    expect(first.data.map((b) => b.id)).toEqual([ids[4], ids[3]]);
    expect(first.hasNextPage()).toBe(true);

    const all: string[] = [];
    for await (const batch of client.batches.list({ limit: 2 })) all.push(batch.id);
    expect(all).toEqual([...ids].reverse());
    const pages = server.journal.entries().filter((e) => e.operationId === 'listBatches');
    // One for `first`, then three pages (2 + 2 + 1) for the loop, each after the previous page's last id.
    expect(pages.map((e) => e.query)).toEqual([
      { limit: '2' },
      { limit: '2' },
      { limit: '2', after: ids[3] },
      { limit: '2', after: ids[1] },
    ]);
  });
});

describe('generation endpoints through our client', () => {
  const chat = { model: 'gpt-4o-mini', messages: [{ role: 'user' as const, content: 'Say hello.' }] };

  it('streams a chat completion to [DONE], with usage on the last chunk', async () => {
    const meter = new UsageMeter();
    const metered = new OpenAIClient({ apiKey: 'sk-test', baseURL: server.url, usageMeter: meter });
    const stream = await metered.chat.completions.create({
      ...chat,
      stream: true,
      stream_options: { include_usage: true },
    });
    const chunks: ChatCompletionChunk[] = [];
    for await (const chunk of stream) chunks.push(chunk);
    expect(chunks.length).toBeGreaterThan(2);
    const text = chunks.map((c) => c.choices[0]?.delta.content ?? '').join('');
    expect(text.length).toBeGreaterThan(0);
    expect(chunks.some((c) => c.choices[0]?.finish_reason === 'stop')).toBe(true);
    const usage = chunks.at(-1)?.usage;
    expect(usage?.completion_tokens).toBeGreaterThan(0);
    expect(meter.snapshot().total).toMatchObject({ calls: 1, totalTokens: usage?.total_tokens });
    expect(server.journal.entries().map((e) => [e.operationId, e.stream, e.status])).toEqual([
      ['createChatCompletion', true, 200],
    ]);
  });

  it('streams a Responses answer to response.completed, the deltas adding up to the final text', async () => {
    const stream = await client.responses.create({ model: 'gpt-4o-mini', input: 'Say hello.', stream: true });
    const events: ResponseStreamEvent[] = [];
    for await (const event of stream) events.push(event);
    expect(events[0]?.type).toBe('response.created');
    expect(events.at(-1)?.type).toBe('response.completed');
    const deltas = events
      .filter((e) => e.type === 'response.output_text.delta')
      .map((e) => (e as { delta: string }).delta)
      .join('');
    const done = events.find((e) => e.type === 'response.output_text.done') as { text: string } | undefined;
    expect(deltas.length).toBeGreaterThan(0);
    expect(done?.text).toBe(deltas);
  });

  it('asks for base64 embeddings and decodes them to the floats the server would send', async () => {
    const body = { model: 'text-embedding-3-small', input: ['first text', 'second text'] };
    const decoded = await client.embeddings.create(body);
    expect(server.journal.entries()).toHaveLength(1);
    const wire = (await (
      await fetch(`${server.url}/embeddings`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: 'Bearer sk-test' },
        body: JSON.stringify({ ...body, encoding_format: 'base64' }),
      })
    ).json()) as { data: Array<{ embedding: string }> };
    const floats = await client.embeddings.create({ ...body, encoding_format: 'float' });

    expect(decoded.data).toHaveLength(2);
    for (const [i, item] of decoded.data.entries()) {
      expect(Array.isArray(item.embedding)).toBe(true);
      expect(item.embedding).toHaveLength(1536);
      const raw = Buffer.from(wire.data[i]!.embedding, 'base64');
      const expected = Array.from(new Float32Array(raw.buffer, raw.byteOffset, raw.byteLength / 4));
      expect(item.embedding).toEqual(expected);
      // The float answer is the same vector, to float32 precision.
      const plain = floats.data[i]!.embedding as number[];
      expect(plain).toHaveLength(1536);
      for (let k = 0; k < 8; k++) expect(item.embedding[k]).toBeCloseTo(plain[k]!, 6);
    }
    expect(decoded.data[0]!.embedding).not.toEqual(decoded.data[1]!.embedding);
  });

  it('lists and retrieves models', async () => {
    const page = await client.models.list();
    expect(page.hasNextPage()).toBe(false);
    const ids: string[] = [];
    for await (const model of client.models.list()) ids.push(model.id);
    expect(ids).toEqual(page.data.map((m) => m.id));
    expect(ids).toEqual(expect.arrayContaining(['gpt-4o-mini', 'text-embedding-3-small']));
    expect(await client.models.retrieve('gpt-4o-mini')).toMatchObject({ id: 'gpt-4o-mini', object: 'model' });
  });
});
