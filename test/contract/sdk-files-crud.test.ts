import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { createVirtualClock } from '../../src/engine/index.js';
import { useMockServer } from '../helpers/server.js';

const clock = createVirtualClock(Date.UTC(2025, 0, 1));
const server = await useMockServer({ clock });
const { client } = server;

const jsonl = (n: number) =>
  Array.from({ length: n }, (_, i) =>
    JSON.stringify({
      custom_id: `r${i}`,
      method: 'POST',
      url: '/v1/chat/completions',
      body: { model: 'gpt-4o-mini', messages: [] },
    }),
  ).join('\n');

async function rejection<T extends abstract new (...args: any) => Error>(
  p: Promise<unknown>,
  type: T,
): Promise<InstanceType<T>> {
  const error = await p.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(type);
  return error as InstanceType<T>;
}

describe('the official SDK against the Files API', () => {
  it('uploads a file and downloads exactly the bytes it sent', async () => {
    const bytes = new Uint8Array([0, 255, 1, 254, 10, 13, 0x80, 0x7f, 42]);
    const file = await client.files.create({ file: await toFile(bytes, 'blob.bin'), purpose: 'user_data' });
    expect(file).toMatchObject({
      object: 'file',
      bytes: bytes.byteLength,
      filename: 'blob.bin',
      purpose: 'user_data',
      status: 'processed',
    });
    expect(file.id).toMatch(/^file-[A-Za-z0-9]{22}$/);
    expect(file.created_at).toBe(Math.floor(clock.now() / 1000));
    expect(file.expires_at).toBeUndefined();
    const content = await client.files.content(file.id);
    expect(new Uint8Array(await content.arrayBuffer())).toEqual(bytes);
    expect(await client.files.retrieve(file.id)).toEqual(file);
  });

  it('gives batch files a 30-day expiry and honours expires_after on the clock', async () => {
    const batchFile = await client.files.create({
      file: await toFile(Buffer.from(jsonl(1)), 'in.jsonl'),
      purpose: 'batch',
    });
    expect(batchFile.expires_at).toBe(batchFile.created_at + 30 * 24 * 3600);
    const shortLived = await client.files.create({
      file: await toFile(Buffer.from('notes'), 'notes.txt'),
      purpose: 'user_data',
      expires_after: { anchor: 'created_at', seconds: 3600 },
    });
    expect(shortLived.expires_at).toBe(shortLived.created_at + 3600);
    await server.engine.batches.advance(3599_000);
    expect((await client.files.retrieve(shortLived.id)).id).toBe(shortLived.id);
    await server.engine.batches.advance(1_000);
    const gone = await rejection(client.files.retrieve(shortLived.id), OpenAI.NotFoundError);
    expect(gone.message).toContain(`No such File object: ${shortLived.id}`);
    const ids = (await client.files.list()).data.map((f) => f.id);
    expect(ids).toContain(batchFile.id);
    expect(ids).not.toContain(shortLived.id);
  });

  it('lists with purpose filter, order and cursor pagination through for await', async () => {
    const created: string[] = [];
    for (let i = 0; i < 5; i++) {
      created.push(
        (
          await client.files.create({
            file: await toFile(Buffer.from(`f${i}`), `f${i}.txt`),
            purpose: 'user_data',
          })
        ).id,
      );
      await server.engine.batches.advance(1000);
    }
    await client.files.create({ file: await toFile(Buffer.from(jsonl(1)), 'b.jsonl'), purpose: 'batch' });
    const seen: string[] = [];
    for await (const f of client.files.list({ purpose: 'user_data', limit: 2 })) seen.push(f.id);
    expect(seen).toEqual([...created].reverse());
    const firstPage = await client.files.list({ purpose: 'user_data', limit: 2, order: 'asc' });
    expect(firstPage.data.map((f) => f.id)).toEqual(created.slice(0, 2));
    expect(firstPage.has_more).toBe(true);
    const all = await client.files.list({ purpose: 'user_data', limit: 10 });
    expect(all.has_more).toBe(false);
  });

  it('keeps paging after the cursor file is deleted mid-iteration', async () => {
    for (let i = 0; i < 4; i++)
      await client.files.create({
        file: await toFile(Buffer.from(`d${i}`), `d${i}.txt`),
        purpose: 'user_data',
      });
    const deleted: string[] = [];
    for await (const f of client.files.list({ limit: 2 })) {
      await client.files.delete(f.id);
      deleted.push(f.id);
    }
    expect(deleted).toHaveLength(4);
    expect((await client.files.list()).data).toEqual([]);
  });

  it('deletes a file, after which it answers 404 with the real message', async () => {
    const file = await client.files.create({
      file: await toFile(Buffer.from('x'), 'x.txt'),
      purpose: 'assistants',
    });
    expect(await client.files.delete(file.id)).toEqual({ id: file.id, object: 'file', deleted: true });
    const error = await rejection(client.files.content(file.id), OpenAI.NotFoundError);
    expect(error.error).toMatchObject({
      message: `No such File object: ${file.id}`,
      type: 'invalid_request_error',
    });
    await rejection(client.files.delete(file.id), OpenAI.NotFoundError);
  });

  it('refuses to download files given to assistants, as the real API does', async () => {
    const file = await client.files.create({
      file: await toFile(Buffer.from('x'), 'x.pdf'),
      purpose: 'assistants',
    });
    const error = await rejection(client.files.content(file.id), OpenAI.BadRequestError);
    expect(error.message).toContain('Not allowed to download files of purpose: assistants');
  });

  it('answers the real 400s for a missing or unknown purpose and a missing file', async () => {
    const unknown = await rejection(
      client.files.create({ file: await toFile(Buffer.from('x'), 'x.txt'), purpose: 'training' as 'batch' }),
      OpenAI.BadRequestError,
    );
    expect(unknown.param).toBe('purpose');
    expect(unknown.code).toBe('invalid_value');
    const form = (fields: Record<string, string>, withFile: boolean) => {
      const body = new FormData();
      for (const [k, v] of Object.entries(fields)) body.append(k, v);
      if (withFile) body.append('file', new Blob(['x']), 'x.txt');
      return fetch(`${server.url}/files`, { method: 'POST', body }).then(async (r) => ({
        status: r.status,
        body: await r.json(),
      }));
    };
    expect(await form({}, true)).toMatchObject({
      status: 400,
      body: { error: { param: 'purpose', code: 'missing_required_parameter' } },
    });
    expect(await form({ purpose: 'batch' }, false)).toMatchObject({
      status: 400,
      body: { error: { param: 'file', code: 'missing_required_parameter' } },
    });
  });

  it('rejects batch files that are not .jsonl or not UTF-8', async () => {
    const named = await rejection(
      client.files.create({ file: await toFile(Buffer.from(jsonl(1)), 'in.json'), purpose: 'batch' }),
      OpenAI.BadRequestError,
    );
    expect(named.message).toContain('Invalid file format for Batch API. Must be .jsonl');
    const latin1 = await rejection(
      client.files.create({
        file: await toFile(Buffer.from([0x7b, 0xe9, 0x7d]), 'in.jsonl'),
        purpose: 'batch',
      }),
      OpenAI.BadRequestError,
    );
    expect(latin1.message).toContain('Must be utf-8 encoded');
  });

  it('rejects expires_after outside one hour to thirty days', async () => {
    const error = await rejection(
      client.files.create({
        file: await toFile(Buffer.from('x'), 'x.txt'),
        purpose: 'user_data',
        expires_after: { anchor: 'created_at', seconds: 60 },
      }),
      OpenAI.BadRequestError,
    );
    expect(error.param).toBe('expires_after.seconds');
  });
});
