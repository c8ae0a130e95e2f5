import { describe, expect, it } from 'vitest';
import { buildEngine, type Engine } from '../../src/compose.js';

async function addPart(engine: Engine, uploadId: string, text: string) {
  const form = new FormData();
  form.append('data', new Blob([text]), 'part');
  const encoded = new Response(form);
  const res = await engine.handle({
    method: 'POST',
    path: `/v1/uploads/${uploadId}/parts`,
    query: {},
    headers: { 'content-type': encoded.headers.get('content-type')! },
    rawBody: new Uint8Array(await encoded.arrayBuffer()),
  });
  return (res.body as { value: { id: string } }).value.id;
}

describe('Upload parts sent in parallel', () => {
  it('all land in the upload, and complete joins them in the order given', async () => {
    const engine = buildEngine(undefined);
    const words = Array.from({ length: 12 }, (_, i) => `w${String(i).padStart(2, '0')};`);
    const created = await engine.handle({
      method: 'POST',
      path: '/v1/uploads',
      query: {},
      headers: {},
      body: {
        filename: 'w.txt',
        purpose: 'fine-tune',
        bytes: words.join('').length,
        mime_type: 'text/plain',
      },
    });
    const uploadId = (created.body as { value: { id: string } }).value.id;
    const ids = await Promise.all(words.map((w) => addPart(engine, uploadId, w)));
    expect(new Set(ids).size).toBe(words.length);
    const done = await engine.handle({
      method: 'POST',
      path: `/v1/uploads/${uploadId}/complete`,
      query: {},
      headers: {},
      body: { part_ids: ids },
    });
    expect(done.status).toBe(200);
    const fileId = (done.body as { value: { file: { id: string } } }).value.file.id;
    const content = await engine.handle({
      method: 'GET',
      path: `/v1/files/${fileId}/content`,
      query: {},
      headers: {},
    });
    expect(content.body).toMatchObject({ kind: 'bytes' });
    expect(new TextDecoder().decode((content.body as { value: Uint8Array }).value)).toBe(words.join(''));
    await engine.close();
  });

  it('checks the create body without the OpenAPI document', async () => {
    const engine = buildEngine(undefined);
    const res = await engine.handle({
      method: 'POST',
      path: '/v1/uploads',
      query: {},
      headers: {},
      body: { filename: 'a', purpose: 'batch', bytes: -1, mime_type: 'x' },
    });
    expect(res).toMatchObject({
      status: 400,
      body: { value: { error: { param: 'bytes', code: 'integer_below_min_value' } } },
    });
    await engine.close();
  });
});
