/**
 * What the document cannot say about vector stores: a file batch adds files to its store, a store's and a
 * batch's `file_counts` (and status, and `usage_bytes`) follow their files, a file must exist in the Files
 * simulator to be added, and search ranks the chunks of the files the store holds (the bytes uploaded to
 * `/v1/files`) by the same embeddings `/v1/embeddings` answers with.
 */
import { OpenAIHttpError } from '../../engine/errors.js';
import { json } from '../../engine/handler.js';
import type { MockResponse } from '../../engine/types.js';
import { cosineSimilarity, embedText } from '../../fixtures/index.js';
import { fileData, findFile } from '../files/file-store.js';
import type { Collection } from './resource-map.js';
import { type Layer, type StoredItem, storeOf } from './resources.js';

type Json = Record<string, unknown>;

export interface ResourceHooks {
  /** Instead of the plain create; undefined falls back to it. */
  create?: (layer: Layer, c: Collection, parent: string, fields: Json) => Promise<MockResponse | undefined>;
  /** The items of a list that lives elsewhere (a batch's files are its store's files), settled. */
  list?: (layer: Layer, c: Collection, parent: string) => Promise<StoredItem[]>;
  /** A verb on one item; undefined falls back to the lifecycle's. */
  action?: (layer: Layer, c: Collection, stored: StoredItem, verb: string) => Promise<StoredItem | undefined>;
  /** An operation that keeps no state but reads some (search). */
  other?: (layer: Layer) => Promise<MockResponse | undefined>;
}

const STORES = '/vector_stores';
const FILES = '/vector_stores/{vector_store_id}/files';
const BATCHES = '/vector_stores/{vector_store_id}/file_batches';

const collection = (layer: Layer, path: string) => layer.map.collections().find((c) => c.path === path);

/** The files of one vector store (or of one of its batches), brought up to date. */
async function filesOf(layer: Layer, storeId: string, batchId?: string): Promise<StoredItem[]> {
  const files = collection(layer, FILES);
  if (!files) return [];
  const all = (await storeOf(layer.engine, files).list()).filter(
    (s) => s.parent === storeId && (batchId === undefined || s.tags?.['batch'] === batchId),
  );
  return Promise.all(all.map((s) => layer.settle(files, s)));
}

function counts(files: readonly StoredItem[]): Json {
  const by = (status: string) => files.filter((f) => f.item['status'] === status).length;
  const c = {
    in_progress: by('in_progress'),
    completed: by('completed'),
    failed: by('failed'),
    cancelled: by('cancelled'),
  };
  return { ...c, total: c.in_progress + c.completed + c.failed + c.cancelled };
}

/** Adds one file to a store: it must exist in the Files simulator, as the real API checks. */
async function addFile(
  layer: Layer,
  parent: string,
  fields: Json,
  label: string,
  batch?: string,
): Promise<StoredItem> {
  const files = collection(layer, FILES)!;
  const fileId = fields['file_id'];
  if (typeof fileId !== 'string')
    throw new OpenAIHttpError(400, "Missing required parameter: 'file_id'.", {
      param: 'file_id',
      code: 'missing_required_parameter',
    });
  const file = await findFile(layer.engine, fileId);
  if (!file) throw new OpenAIHttpError(404, `No file found with id '${fileId}'.`, { param: 'file_id' });
  const stored = await layer.build(
    files,
    parent,
    files.itemRef ? { $ref: files.itemRef } : {},
    fields,
    label,
  );
  stored.key = fileId;
  stored.item['id'] = fileId;
  // Ingested, a file takes about as many bytes in the store as it has.
  const done = stored.pending?.[0];
  if (done) done.fields = { status: 'completed', usage_bytes: file.bytes };
  if (batch) stored.tags = { batch };
  await layer.put(files, stored);
  return stored;
}

export const vectorStoreHooks: Record<string, ResourceHooks> = {
  [FILES]: {
    async create(layer, _c, parent, fields) {
      const stored = await addFile(layer, parent, fields, 'body');
      return json(await layer.present(collection(layer, FILES)!, stored));
    },
  },
  [BATCHES]: {
    async create(layer, c, parent, fields) {
      const given = Array.isArray(fields['files'])
        ? (fields['files'] as Json[])
        : Array.isArray(fields['file_ids'])
          ? (fields['file_ids'] as unknown[]).map((file_id) => ({ file_id }))
          : [];
      if (!given.length)
        throw new OpenAIHttpError(400, "Missing required parameter: 'file_ids'.", {
          param: 'file_ids',
          code: 'missing_required_parameter',
        });
      for (const f of given) {
        const id = f['file_id'];
        if (typeof id !== 'string' || !(await findFile(layer.engine, id)))
          throw new OpenAIHttpError(404, `No file found with id '${String(id)}'.`, { param: 'file_ids' });
      }
      const batch = await layer.build(c, parent, { $ref: c.itemRef }, fields, 'body');
      delete batch.pending; // a batch is done when its files are (see deriveFields)
      await layer.put(c, batch);
      for (const [i, f] of given.entries()) {
        const shared = { attributes: fields['attributes'], chunking_strategy: fields['chunking_strategy'] };
        await addFile(layer, parent, { ...shared, ...f }, `file ${i}`, batch.key);
      }
      return json(await layer.present(c, batch));
    },
    async action(layer, c, stored, verb) {
      if (verb !== 'cancel') return undefined;
      const files = collection(layer, FILES)!;
      for (const f of await filesOf(layer, stored.parent, stored.key)) {
        if (f.item['status'] !== 'in_progress') continue;
        const item = { ...f.item, status: 'cancelled' };
        await storeOf(layer.engine, files).set(`${f.parent}\u0000${f.key}`, { ...f, item, pending: [] });
      }
      const next = { ...stored, item: { ...stored.item, status: 'cancelled' } };
      await layer.put(c, next);
      return next;
    },
  },
  '/vector_stores/{vector_store_id}/file_batches/{batch_id}/files': {
    async list(layer, _c, parent) {
      const [storeId, batchId] = parent.split('/');
      return filesOf(layer, storeId!, batchId);
    },
  },
  '/vector_stores/{vector_store_id}/search': {
    async other(layer) {
      const storeId = layer.ctx.params['vector_store_id']!;
      const body = (layer.ctx.body ?? {}) as Json;
      const query = Array.isArray(body['query'])
        ? (body['query'] as string[]).join(' ')
        : String(body['query'] ?? '');
      const max = typeof body['max_num_results'] === 'number' ? body['max_num_results'] : 10;
      const target = embedText(query, 256);
      const results: Json[] = [];
      for (const f of await filesOf(layer, storeId)) {
        if (f.item['status'] !== 'completed') continue;
        const meta = await findFile(layer.engine, f.key);
        const bytes = await fileData(layer.engine).get(f.key);
        if (!meta || !bytes) continue;
        for (const text of chunks(new TextDecoder().decode(bytes))) {
          const score = Math.max(0, Math.min(1, cosineSimilarity(target, embedText(text, 256))));
          results.push({
            file_id: f.key,
            filename: meta.filename,
            score: Math.round(score * 10_000) / 10_000,
            attributes: f.item['attributes'] ?? {},
            content: [{ type: 'text', text }],
          });
        }
      }
      results.sort((a, b) => (b['score'] as number) - (a['score'] as number));
      return json({
        object: 'vector_store.search_results.page',
        search_query: [query],
        data: results.slice(0, max),
        has_more: false,
        next_page: null,
      });
    },
  },
};

/** Text cut into chunks of about 800 characters at paragraph or sentence ends. */
function chunks(text: string): string[] {
  const out: string[] = [];
  let current = '';
  for (const piece of text.split(/(?<=\n\n|[.!?]\s)/)) {
    if (current.length + piece.length > 800 && current) {
      out.push(current.trim());
      current = '';
    }
    current += piece;
  }
  if (current.trim()) out.push(current.trim());
  return out.slice(0, 50);
}

/** Fields that follow other objects: a store's and a batch's counts, status and bytes follow their files. */
export async function deriveFields(
  layer: Layer,
  c: Collection,
  stored: StoredItem,
  item: Json,
): Promise<void> {
  if (c.path === STORES) {
    const files = await filesOf(layer, stored.key);
    item['file_counts'] = counts(files);
    item['usage_bytes'] = files.reduce((sum, f) => sum + (Number(f.item['usage_bytes']) || 0), 0);
    // Expired once its `expires_at` has passed on the engine's clock; else busy while a file is.
    const expiresAt = item['expires_at'];
    const expired = typeof expiresAt === 'number' && expiresAt <= layer.seconds(layer.engine.clock.now());
    item['status'] = expired
      ? 'expired'
      : files.some((f) => f.item['status'] === 'in_progress')
        ? 'in_progress'
        : 'completed';
  } else if (c.path === BATCHES) {
    const files = await filesOf(layer, stored.parent, stored.key);
    const fileCounts = counts(files);
    item['file_counts'] = fileCounts;
    if (item['status'] !== 'cancelled')
      item['status'] = fileCounts['in_progress']
        ? 'in_progress'
        : fileCounts['failed']
          ? 'failed'
          : 'completed';
  }
}
