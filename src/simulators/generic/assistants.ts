/**
 * What the document cannot say about the Assistants API: a message's `content` is sent as a string (or
 * parts) and stored as text parts; `POST /threads` with `messages` and `POST /threads/runs` make those
 * messages (and the run) in the new thread; a run that completes leaves the assistant's reply in its thread.
 */
import { json } from '../../engine/handler.js';
import type { MockResponse } from '../../engine/types.js';
import { createRandom, generateReply } from '../../fixtures/index.js';
import type { Collection } from './resource-map.js';
import { type Layer, type StoredItem, storeOf } from './resources.js';
import type { ResourceHooks } from './vector-stores.js';

type Json = Record<string, unknown>;

const THREADS = '/threads';
const MESSAGES = '/threads/{thread_id}/messages';
const RUNS = '/threads/{thread_id}/runs';

const collection = (layer: Layer, path: string) => layer.map.collections().find((c) => c.path === path)!;

/** `"Hi"` or `[{type: "text", text: "Hi"}]` as the API stores it: text parts with their annotations. */
function textParts(content: unknown): Json[] | undefined {
  const part = (text: string) => ({ type: 'text', text: { value: text, annotations: [] } });
  if (typeof content === 'string') return [part(content)];
  if (!Array.isArray(content)) return undefined;
  const parts = content.filter((p) => p && typeof p === 'object' && typeof (p as Json)['text'] === 'string');
  return parts.length ? parts.map((p) => part((p as Json)['text'] as string)) : undefined;
}

async function addMessage(layer: Layer, threadId: string, fields: Json, label: string): Promise<StoredItem> {
  const messages = collection(layer, MESSAGES);
  const stored = await layer.build(messages, threadId, { $ref: messages.itemRef }, fields, label);
  const content = textParts(fields['content']);
  if (content) stored.item['content'] = content;
  stored.item['thread_id'] = threadId;
  for (const key of ['assistant_id', 'run_id'] as const)
    stored.item[key] = typeof fields[key] === 'string' ? fields[key] : null;
  if (stored.item['status'] !== undefined) stored.item['status'] = 'completed';
  await layer.put(messages, stored);
  return stored;
}

async function newThread(layer: Layer, fields: Json, label: string): Promise<StoredItem> {
  const threads = collection(layer, THREADS);
  const stored = await layer.build(threads, '', { $ref: threads.itemRef }, fields, label);
  await layer.put(threads, stored);
  const messages = Array.isArray(fields['messages']) ? (fields['messages'] as Json[]) : [];
  for (const [i, m] of messages.entries()) await addMessage(layer, stored.key, m, `${label} message ${i}`);
  return stored;
}

/** The last user message of a thread, for the reply a completed run leaves. */
async function lastUserText(layer: Layer, threadId: string): Promise<string> {
  const all = (await storeOf(layer.engine, collection(layer, MESSAGES)).list()).filter(
    (s) => s.parent === threadId,
  );
  const user = all.filter((s) => s.item['role'] === 'user').pop();
  const parts = (user?.item['content'] ?? []) as Json[];
  return parts.map((p) => ((p['text'] as Json | undefined)?.['value'] as string) ?? '').join(' ');
}

export const assistantsHooks: Record<string, ResourceHooks> = {
  [MESSAGES]: {
    async create(layer, c, parent, fields) {
      return json(await layer.present(c, await addMessage(layer, parent, fields, 'body')));
    },
    // The thread's runs are brought up to date first: a run that finished has left its reply.
    async list(layer, c, parent) {
      const runs = collection(layer, RUNS);
      for (const run of await storeOf(layer.engine, runs).list())
        if (run.parent === parent) await layer.settle(runs, run);
      return (await storeOf(layer.engine, c).list()).filter((s) => s.parent === parent);
    },
  },
  [THREADS]: {
    async create(layer, c, _parent, fields) {
      return json(await layer.present(c, await newThread(layer, fields, 'body')));
    },
  },
  '/threads/runs': {
    async other(layer): Promise<MockResponse> {
      const fields = (layer.ctx.body ?? {}) as Json;
      const thread = await newThread(layer, (fields['thread'] as Json) ?? {}, 'thread');
      const runs = collection(layer, RUNS);
      const { thread: _t, ...runFields } = fields;
      const run = await layer.build(runs, thread.key, { $ref: runs.itemRef }, runFields, 'run');
      run.item['thread_id'] = thread.key;
      await layer.put(runs, run);
      return json(await layer.present(runs, run));
    },
  },
};

/** When a run completes, the assistant's reply appears in its thread (once). */
export async function onRunSettled(layer: Layer, c: Collection, stored: StoredItem): Promise<void> {
  if (c.path !== RUNS || stored.item['status'] !== 'completed' || stored.tags?.['replied']) return;
  stored.tags = { ...stored.tags, replied: '1' };
  const prompt = await lastUserText(layer, stored.parent);
  // Drawn from the seed and the run, not from whichever request saw the run finish.
  const random = createRandom(`${layer.engine.options.seed}\u0000reply\u0000${stored.key}`);
  const text = generateReply({ prompt, random, targetTokens: 48 });
  await addMessage(
    layer,
    stored.parent,
    { role: 'assistant', content: text, assistant_id: stored.item['assistant_id'], run_id: stored.key },
    `reply ${stored.key}`,
  );
}
