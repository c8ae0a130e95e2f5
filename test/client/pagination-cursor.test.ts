import { describe, expect, it } from 'vitest';
import { OpenAIClient } from '../../src/client/client.js';
import type { FileObject } from '../../src/client/index.js';
import { startScriptedServer } from './helpers/scripted-server.js';

const file = (n: number) => ({
  id: `file-${n}`,
  object: 'file',
  bytes: n,
  created_at: n,
  filename: `f${n}.jsonl`,
  purpose: 'batch',
});

async function pagedServer(total: number) {
  const items = Array.from({ length: total }, (_, i) => file(i + 1));
  return startScriptedServer(() => (req, res) => {
    const url = new URL(req.url, 'http://x');
    const limit = Number(url.searchParams.get('limit') ?? 20);
    const after = url.searchParams.get('after');
    const start = after ? items.findIndex((f) => f.id === after) + 1 : 0;
    const data = items.slice(start, start + limit);
    res.writeHead(200, { 'content-type': 'application/json' });
    res.end(
      JSON.stringify({
        object: 'list',
        data,
        has_more: start + limit < items.length,
        first_id: data[0]?.id ?? null,
        last_id: data.at(-1)?.id ?? null,
      }),
    );
  });
}

describe('cursor pagination', () => {
  it('walks every item of every page with for await, keeping the query', async () => {
    const server = await pagedServer(7);
    const client = new OpenAIClient({ apiKey: 'k', baseURL: server.baseURL });
    const ids: string[] = [];
    for await (const f of client.files.list({ limit: 3, purpose: 'batch' })) ids.push(f.id);
    expect(ids).toEqual(['file-1', 'file-2', 'file-3', 'file-4', 'file-5', 'file-6', 'file-7']);
    expect(server.requests.map((r) => r.url)).toEqual([
      '/v1/files?limit=3&purpose=batch',
      '/v1/files?limit=3&purpose=batch&after=file-3',
      '/v1/files?limit=3&purpose=batch&after=file-6',
    ]);
  });

  it('exposes hasNextPage() and getNextPage() on an awaited page', async () => {
    const server = await pagedServer(4);
    const client = new OpenAIClient({ apiKey: 'k', baseURL: server.baseURL });
    const first = await client.files.list({ limit: 2 });
    expect(first.data.map((f: FileObject) => f.id)).toEqual(['file-1', 'file-2']);
    expect(first.hasNextPage()).toBe(true);
    const second = await first.getNextPage();
    expect(second.data.map((f) => f.id)).toEqual(['file-3', 'file-4']);
    expect(second.hasNextPage()).toBe(false);
    await expect(second.getNextPage()).rejects.toThrow(/this is the last page; check hasNextPage\(\)/);
  });

  it('iterates pages with iterPages()', async () => {
    const server = await pagedServer(5);
    const client = new OpenAIClient({ apiKey: 'k', baseURL: server.baseURL });
    const sizes: number[] = [];
    for await (const page of (await client.files.list({ limit: 2 })).iterPages())
      sizes.push(page.data.length);
    expect(sizes).toEqual([2, 2, 1]);
  });

  it('uses the last item id as cursor when the body has no last_id', async () => {
    const server = await startScriptedServer([
      { json: { object: 'list', data: [{ id: 'batch_1' }, { id: 'batch_2' }], has_more: true } },
      { json: { object: 'list', data: [{ id: 'batch_3' }], has_more: false } },
    ]);
    const client = new OpenAIClient({ apiKey: 'k', baseURL: server.baseURL });
    const ids: string[] = [];
    for await (const b of client.batches.list({ limit: 2 })) ids.push(b.id);
    expect(ids).toEqual(['batch_1', 'batch_2', 'batch_3']);
    expect(server.requests[1]?.url).toBe('/v1/batches?limit=2&after=batch_2');
  });

  it('treats a list without has_more (models) as a single page', async () => {
    const server = await startScriptedServer([
      { json: { object: 'list', data: [{ id: 'gpt-4o' }, { id: 'o3' }] } },
    ]);
    const client = new OpenAIClient({ apiKey: 'k', baseURL: server.baseURL });
    const page = await client.models.list();
    expect(page.hasNextPage()).toBe(false);
    const ids: string[] = [];
    for await (const m of page) ids.push(m.id);
    expect(ids).toEqual(['gpt-4o', 'o3']);
  });

  it('stops when has_more is true but the page is empty', async () => {
    const server = await startScriptedServer([{ json: { object: 'list', data: [], has_more: true } }]);
    const client = new OpenAIClient({ apiKey: 'k', baseURL: server.baseURL });
    const page = await client.files.list();
    expect(page.hasNextPage()).toBe(false);
  });
});
