import { createHash } from 'node:crypto';
import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer({ clock: createVirtualClock() });
const { client } = server;

const part = (text: string) => toFile(Buffer.from(text), 'part');

describe('the official SDK against the Uploads API', () => {
  it('puts parts together in the order complete names them, into a file', async () => {
    const text = 'alpha-beta-gamma';
    const upload = await client.uploads.create({
      bytes: text.length,
      filename: 'words.txt',
      mime_type: 'text/plain',
      purpose: 'fine-tune',
    });
    expect(upload).toMatchObject({
      object: 'upload',
      status: 'pending',
      bytes: text.length,
      filename: 'words.txt',
    });
    expect(upload.expires_at).toBe(upload.created_at + 3600);
    // Sent out of order; the order given to complete decides.
    const gamma = await client.uploads.parts.create(upload.id, { data: await part('gamma') });
    const alpha = await client.uploads.parts.create(upload.id, { data: await part('alpha-') });
    const beta = await client.uploads.parts.create(upload.id, { data: await part('beta-') });
    expect(alpha).toMatchObject({ object: 'upload.part', upload_id: upload.id });
    const md5 = createHash('md5').update(text).digest('hex');
    const done = await client.uploads.complete(upload.id, { part_ids: [alpha.id, beta.id, gamma.id], md5 });
    expect(done.status).toBe('completed');
    expect(done.file).toMatchObject({
      object: 'file',
      bytes: text.length,
      filename: 'words.txt',
      purpose: 'fine-tune',
    });
    expect(await client.files.retrieve(done.file!.id)).toEqual(done.file);
    expect(await (await client.files.content(done.file!.id)).text()).toBe(text);
  });

  it('makes a batch input file that a batch can run', async () => {
    const line = `${JSON.stringify({ custom_id: 'a', method: 'POST', url: '/v1/embeddings', body: { model: 'text-embedding-3-small', input: 'hi' } })}\n`;
    const upload = await client.uploads.create({
      bytes: line.length,
      filename: 'in.jsonl',
      mime_type: 'application/jsonl',
      purpose: 'batch',
    });
    const p = await client.uploads.parts.create(upload.id, { data: await part(line) });
    const done = await client.uploads.complete(upload.id, { part_ids: [p.id] });
    expect(done.file?.purpose).toBe('batch');
    const batch = await client.batches.create({
      input_file_id: done.file!.id,
      endpoint: '/v1/embeddings',
      completion_window: '24h',
    });
    await server.engine.batches.advance(10_000);
    expect((await client.batches.retrieve(batch.id)).status).toBe('completed');
  });

  it('refuses to complete when the bytes or the md5 do not match', async () => {
    const upload = await client.uploads.create({
      bytes: 10,
      filename: 'a.txt',
      mime_type: 'text/plain',
      purpose: 'assistants',
    });
    const p = await client.uploads.parts.create(upload.id, { data: await part('12345') });
    const short = (await client.uploads
      .complete(upload.id, { part_ids: [p.id] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(short).toBeInstanceOf(OpenAI.BadRequestError);
    expect(short.message).toContain('(5)');
    const q = await client.uploads.parts.create(upload.id, { data: await part('67890') });
    const badMd5 = (await client.uploads
      .complete(upload.id, { part_ids: [p.id, q.id], md5: 'ffff' })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(badMd5.param).toBe('md5');
    const foreign = (await client.uploads
      .complete(upload.id, { part_ids: ['part_nope'] })
      .catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(foreign.param).toBe('part_ids');
    expect((await client.uploads.complete(upload.id, { part_ids: [p.id, q.id] })).status).toBe('completed');
  });

  it('cancels a pending upload, after which it takes no parts', async () => {
    const upload = await client.uploads.create({
      bytes: 3,
      filename: 'a.txt',
      mime_type: 'text/plain',
      purpose: 'assistants',
    });
    expect((await client.uploads.cancel(upload.id)).status).toBe('cancelled');
    const error = await client.uploads.parts
      .create(upload.id, { data: await part('abc') })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.BadRequestError);
    expect((error as Error).message).toContain("'cancelled'");
  });

  it('expires an upload after an hour on the clock', async () => {
    const upload = await client.uploads.create({
      bytes: 3,
      filename: 'a.txt',
      mime_type: 'text/plain',
      purpose: 'assistants',
    });
    await server.engine.batches.advance(3600_000);
    const error = await client.uploads.parts
      .create(upload.id, { data: await part('abc') })
      .catch((e: unknown) => e);
    expect((error as Error).message).toContain("'expired'");
    const unknown = await client.uploads.cancel('upload_missing').catch((e: unknown) => e);
    expect(unknown).toBeInstanceOf(OpenAI.NotFoundError);
  });
});
