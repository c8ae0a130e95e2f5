import OpenAI, { toFile } from 'openai';
import { describe, expect, it } from 'vitest';
import { useMockServer } from '../helpers/server.js';

const server = await useMockServer({ features: { files: { maxFileBytes: 1000, maxStorageBytes: 2500 } } });
const { client } = server;
const upload = (size: number, name = 'x.bin') =>
  toFile(new Uint8Array(size).fill(7), name).then((file) =>
    client.files.create({ file, purpose: 'user_data' }),
  );

describe('the file size limits', () => {
  it('answers 413 file_too_large for one file over the per-file limit', async () => {
    const error = await upload(1001).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(OpenAI.APIError);
    expect((error as InstanceType<typeof OpenAI.APIError>).status).toBe(413);
    expect((error as InstanceType<typeof OpenAI.APIError>).code).toBe('file_too_large');
    expect((await upload(1000)).bytes).toBe(1000);
  });

  it('answers 413 storage_limit_exceeded once the store is full, and takes files again after a delete', async () => {
    const a = await upload(1000);
    await upload(1000);
    const error = (await upload(600).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(error.status).toBe(413);
    expect(error.code).toBe('storage_limit_exceeded');
    expect(error.message).toContain('2000 bytes are stored');
    await client.files.delete(a.id);
    expect((await upload(600)).bytes).toBe(600);
  });

  it('counts pending Upload parts against the limit and frees them on cancel', async () => {
    await upload(1000);
    const up = await client.uploads.create({
      bytes: 1000,
      filename: 'big.bin',
      mime_type: 'application/octet-stream',
      purpose: 'assistants',
    });
    await client.uploads.parts.create(up.id, { data: await toFile(new Uint8Array(500), 'p') });
    await client.uploads.parts.create(up.id, { data: await toFile(new Uint8Array(500), 'p') });
    const full = (await upload(600).catch((e: unknown) => e)) as InstanceType<typeof OpenAI.APIError>;
    expect(full.code).toBe('storage_limit_exceeded');
    await client.uploads.cancel(up.id);
    expect((await upload(600)).bytes).toBe(600);
  });

  it('is cleared by a reset', async () => {
    await upload(1000);
    await upload(1000);
    await server.reset();
    expect((await client.files.list()).data).toEqual([]);
    expect((await upload(1000)).bytes).toBe(1000);
  });
});
