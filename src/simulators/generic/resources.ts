/**
 * The stateful generic layer: every operation no simulator owns that the document shows to be part of a
 * resource (see resource-map.ts) keeps state. Create stores an object built from the success schema with
 * the request's fields carried over and an id of the type's real prefix; retrieve answers the same object;
 * list pages through what was created with the API's cursors; update merges; delete answers the
 * `…deleted` object and a 404 ever after; nested resources live under their parent (a missing parent is a
 * 404); background work advances on the engine clock (lifecycles.ts).
 */
import type { Contract, Operation } from '../../contract/index.js';
import type { EngineCore, RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { json } from '../../engine/handler.js';
import type { MockResponse } from '../../engine/types.js';
import { createRandom, matchesSchema, sampleSchema } from '../../fixtures/index.js';
import { assistantsHooks, onRunSettled } from './assistants.js';
import { bodyFields, carryOver, objectProperties, sumTotals } from './carry-over.js';
import { idShapeFor } from './id-prefixes.js';
import { type Lifecycle, lifecycleOf } from './lifecycles.js';
import { realisticHints } from './realistic-values.js';
import { type Collection, listItemSchema, type ResourceMap, type Role, resourceMap } from './resource-map.js';
import { echoPathParams, respondFromSchema, sampleFor } from './schema-answer.js';
import { deriveFields, type ResourceHooks, vectorStoreHooks } from './vector-stores.js';

/** Behaviour the document cannot describe, by collection (or operation) path. */
const resourceHooks: Record<string, ResourceHooks> = { ...vectorStoreHooks, ...assistantsHooks };

type Json = Record<string, unknown>;

/** An item as stored: the API object and what the layer needs besides. */
export interface StoredItem {
  /** The id the item's path names (`file_id` of a vector store file, `version` of a skill version). */
  key: string;
  /** The parents' keys, outermost first, joined by `/` ('' at the top). */
  parent: string;
  /** Creation order: `created_at` has one-second steps, many items share one. */
  seq: number;
  item: Json;
  /** Lifecycle steps still to come, due at clock ms: a step of the lifecycle, or fields to set. */
  pending?: { at: number; step?: number; fields?: Json }[];
  /** A paused job: its remaining steps, with delays from the moment it resumes. */
  paused?: { at: number; delay: number; step?: number; fields?: Json }[];
  /** Free notes for behaviours (the file batch a vector store file came with). */
  tags?: Record<string, string>;
}

/** How many items one collection keeps; the oldest go first beyond it. */
export const ITEM_LIMIT = 10_000;
const SEEDED_COUNT = 3;

interface LayerState {
  seq: number;
  seeded: Set<string>;
}
const states = new WeakMap<EngineCore, LayerState>();

function layerState(engine: EngineCore): LayerState {
  let state = states.get(engine);
  if (!state) {
    const created: LayerState = { seq: 0, seeded: new Set() };
    states.set(engine, created);
    engine.onReset(() => {
      created.seq = 0;
      created.seeded.clear();
    });
    state = created;
  }
  return state;
}

export const storeOf = (engine: EngineCore, c: Collection) =>
  engine.stores.store<StoredItem>(`generic ${c.path}`);
const storeKey = (parent: string, key: string) => `${parent}\u0000${key}`;

/** The resource layer's answer, or undefined when the operation keeps no state (answered from the schema). */
export async function respondStateful(ctx: RequestContext): Promise<MockResponse | undefined> {
  const contract = ctx.engine.contract;
  if (!contract || !ctx.operation.success) return undefined;
  const map = resourceMap(contract);
  const role = map.roleOf(ctx.operation);
  const layer = new Layer(ctx, contract, map);
  switch (role.kind) {
    case 'create':
      return layer.create(role.collection);
    case 'list':
      return layer.list(role.collection);
    case 'retrieve':
      return json(await layer.present(role.collection, await layer.requireItem(role.collection)));
    case 'update':
      return layer.update(role.collection);
    case 'delete':
      return layer.remove(role.collection);
    case 'action':
      if (role.returnsItem) return layer.act(role);
      await layer.requireItem(role.collection);
      return otherHook(layer);
    case 'singleton':
      return layer.singleton(role.key);
    default: {
      // Search, file content, sub-resources without state: their parents must still exist.
      await layer.parentKeys(map.parentsOf(ctx.operation));
      return otherHook(layer);
    }
  }
}

function otherHook(layer: Layer): Promise<MockResponse | undefined> | undefined {
  return resourceHooks[layer.ctx.operation.path]?.other?.(layer);
}

export class Layer {
  readonly resolve: (ref: string) => unknown;

  constructor(
    readonly ctx: RequestContext,
    readonly contract: Contract,
    readonly map: ResourceMap,
  ) {
    this.resolve = (ref) => contract.resolveRef(ref);
  }

  get engine(): EngineCore {
    return this.ctx.engine;
  }

  /** Clock ms → the unix seconds written into objects (frozen with `freezeTime`). */
  seconds(ms: number): number {
    return this.engine.options.freezeTime ?? Math.floor(ms / 1000);
  }

  /** The parents' keys (checked to exist, else the real 404), joined as a StoredItem's `parent`. */
  async parentKeys(parents: readonly { param: string; collection: Collection }[]): Promise<string> {
    let parent = '';
    for (const p of parents) {
      const key = this.ctx.params[p.param];
      if (key === undefined) continue;
      const found = await this.find(p.collection, parent, key);
      if (!found) throw notFound(p.collection, key, this.contract);
      parent = parent ? `${parent}/${key}` : key;
    }
    return parent;
  }

  async find(c: Collection, parent: string, key: string): Promise<StoredItem | undefined> {
    if (!c.creatable) await this.seed(c, parent);
    const stored = await storeOf(this.engine, c).get(storeKey(parent, key));
    return stored && (await this.settle(c, stored));
  }

  async requireItem(c: Collection): Promise<StoredItem> {
    const parent = await this.parentKeys(c.parents);
    const key = this.ctx.params[c.itemParam]!;
    const found = await this.find(c, parent, key);
    if (!found) throw notFound(c, key, this.contract);
    return found;
  }

  itemSchema(c: Collection): unknown {
    if (c.itemRef) return { $ref: c.itemRef };
    return c.list ? listItemSchema(c.list, this.resolve) : undefined;
  }

  /** The object as the API shows it: derived fields (counts that add up) filled in. */
  async present(c: Collection, stored: StoredItem): Promise<Json> {
    const item = structuredClone(stored.item);
    await deriveFields(this, c, stored, item);
    return item;
  }

  /** Applies the lifecycle steps that are due by now; writes the item back when something changed. */
  async settle(c: Collection, stored: StoredItem): Promise<StoredItem> {
    const now = this.engine.clock.now();
    if (!stored.pending?.length || stored.pending[0]!.at > now) return stored;
    const life = lifecycleOf(stored.item);
    if (!life) return stored;
    const item = { ...stored.item };
    const pending = [...stored.pending];
    while (pending.length && pending[0]!.at <= now) {
      const { at, step, fields } = pending.shift()!;
      const patch =
        fields ?? (step === undefined ? undefined : life.steps[step]?.patch(item, this.seconds(at)));
      if (patch) this.patch(c, item, patch);
    }
    const next: StoredItem = { ...stored, item, pending };
    await onRunSettled(this, c, next);
    await storeOf(this.engine, c).set(storeKey(stored.parent, stored.key), next);
    return next;
  }

  /** Sets fields that are valid for the item's schema (a lifecycle state the document lacks is left out). */
  patch(c: Collection, item: Json, fields: Json): void {
    const schema = this.itemSchema(c);
    if (schema) carryOver(item, fields, schema, this.resolve);
    else Object.assign(item, fields);
  }

  nextSeq(): number {
    return ++layerState(this.engine).seq;
  }

  /** Stores an item, dropping the collection's oldest beyond ITEM_LIMIT. */
  async put(c: Collection, stored: StoredItem): Promise<void> {
    const store = storeOf(this.engine, c);
    await store.set(storeKey(stored.parent, stored.key), stored);
    if (stored.seq % 256 === 0) {
      const all = await store.list();
      for (const old of all.slice(0, Math.max(0, all.length - ITEM_LIMIT)))
        await store.delete(storeKey(old.parent, old.key));
    }
  }

  /** A new object of collection `c`: sampled, the request's fields carried over, a fresh id, its lifecycle started. */
  async build(
    c: Collection,
    parent: string,
    schema: unknown,
    fields: Json,
    label: string,
  ): Promise<StoredItem> {
    const item = echoPathParams(sampleFor(this.ctx, schema, label), this.ctx) as Json;
    carryOver(item, fields, schema, this.resolve);
    const bodyKey =
      c.itemParam && typeof fields[c.itemParam] === 'string' ? (fields[c.itemParam] as string) : undefined;
    const now = this.engine.clock.now();
    if (typeof item['object'] === 'string' && typeof item['id'] === 'string' && !bodyKey) {
      const shape = idShapeFor(this.contract, item['object']);
      item['id'] = this.engine.ids.next(shape.prefix, this.ctx.random.fork(`id ${label}`), shape.opts);
    }
    if (bodyKey && typeof item['id'] === 'string') item['id'] = bodyKey;
    for (const stamp of ['created_at', 'created']) {
      if (typeof item[stamp] === 'number') item[stamp] = this.seconds(now);
    }
    const seq = this.nextSeq();
    if (c.itemParam === 'version' && typeof item['version'] === 'string' && !bodyKey) {
      // Versions count up per parent: `1`, `2`, … (what `default_version` and `latest_version` name).
      const siblings = (await storeOf(this.engine, c).list()).filter((s) => s.parent === parent);
      item['version'] = String(siblings.length + 1);
    }
    const key = bodyKey ?? keyOf(c, item);
    sumTotals(item);
    const stored: StoredItem = { key: key ?? '', parent, seq, item };
    const life = lifecycleOf(item);
    if (life) this.start(c, stored, life, now);
    return stored;
  }

  start(c: Collection, stored: StoredItem, life: Lifecycle, now: number): void {
    this.patch(c, stored.item, life.start(stored.item, this.seconds(now)));
    let at = now;
    stored.pending = life.steps.map((s, step) => {
      at += s.after;
      return { at, step };
    });
  }

  async create(c: Collection): Promise<MockResponse> {
    const parent = await this.parentKeys(c.parents);
    const fields = { ...this.unsent(), ...bodyFields(this.ctx.body) };
    const answerSchema = this.ctx.operation.success?.content['application/json'];
    if (!answerSchema) return respondFromSchema(this.ctx);
    const hook = resourceHooks[c.path]?.create;
    if (hook) {
      const answer = await hook(this, c, parent, fields);
      if (answer) return answer;
    }
    // A create may answer a list (checkpoint permissions for several projects): each item is stored.
    const listed = listItemSchema(this.ctx.operation, this.resolve);
    if (listed) {
      const page = echoPathParams(sampleFor(this.ctx, answerSchema, 'body'), this.ctx) as Json;
      const data = Array.isArray(page['data']) ? (page['data'] as Json[]) : [];
      for (const i of data.keys()) {
        const stored = await this.build(c, parent, listed, fields, `item ${i}`);
        data[i] = stored.item;
        if (stored.key) await this.put(c, stored);
      }
      return json(lastPageOf(page, data), this.ctx.operation.success!.status);
    }
    const sameShape = typeof answerSchema.$ref === 'string' && answerSchema.$ref === c.itemRef;
    const stored = await this.build(c, parent, sameShape ? answerSchema : this.itemSchema(c), fields, 'body');
    if (stored.key) await this.put(c, stored);
    if (sameShape) return json(await this.present(c, stored), this.ctx.operation.success!.status);
    // The answer has its own shape (a new key answering with its secret value too): the stored item's
    // fields where the answer has them, so its id is the one retrieve knows.
    const answer = echoPathParams(sampleFor(this.ctx, answerSchema, 'answer'), this.ctx) as Json;
    carryOver(answer, fields, answerSchema, this.resolve);
    carryOver(answer, await this.present(c, stored), answerSchema, this.resolve);
    return json(answer, this.ctx.operation.success!.status);
  }

  /**
   * What a create request leaves out, as the API fills it: the request schema's `default` (`tools: []`),
   * else empty (`metadata: {}`) or null where the stored object allows it, not a made-up value.
   */
  unsent(): Json {
    const op = this.contract.resolveRef(`#${this.ctx.operation.pointer}`) as any;
    const deref = (v: any): any => (v && typeof v.$ref === 'string' ? deref(this.resolve(v.$ref)) : v);
    const content = deref(op?.requestBody)?.content ?? {};
    const schema = content['application/json']?.schema ?? content['multipart/form-data']?.schema;
    const props = schema ? objectProperties(schema, this.resolve) : undefined;
    const out: Json = {};
    for (const [name, raw] of Object.entries(props ?? {})) {
      const prop = deref(raw);
      if (prop && 'default' in prop) out[name] = prop.default;
      else if (name === 'metadata') out[name] = {};
      else out[name] = null; // kept only where the stored object's schema allows null
    }
    return out;
  }

  async list(c: Collection): Promise<MockResponse> {
    const parent = await this.parentKeys(c.parents);
    const hook = resourceHooks[c.path]?.list;
    if (!hook && !c.creatable) {
      await this.seed(c, parent);
      if (!layerState(this.engine).seeded.has(seedKey(c, parent))) return respondFromSchema(this.ctx); // items without ids (usage buckets) keep no state
    }
    // A hook's items are settled already, in the collection they live in.
    let items = hook
      ? await hook(this, c, parent)
      : await Promise.all(
          (await storeOf(this.engine, c).list())
            .filter((s) => s.parent === parent)
            .map((s) => this.settle(c, s)),
        );
    items = filterByQuery(items, this.ctx.query);
    const q = pageQuery(this.ctx.operation, this.ctx.query);
    items.sort((a, b) => (q.order === 'asc' ? a.seq - b.seq : b.seq - a.seq));
    const { data, hasMore } = pageOf(items, q);
    const shown = await Promise.all(
      data.map(async (s) =>
        this.reshape(await this.present(c, s), listItemSchema(this.ctx.operation, this.resolve), c),
      ),
    );
    const envelope = this.listEnvelope(shown, data, hasMore);
    return json(envelope, this.ctx.operation.success!.status);
  }

  /**
   * An item in the shape another schema gives it (a list's items, an update's answer): the stored fields
   * over a sample of that schema, so fields only that schema requires are there too.
   */
  reshape(item: Json, schema: any, c: Collection): Json {
    if (!schema || (typeof schema.$ref === 'string' && schema.$ref === c.itemRef)) return item;
    const out = echoPathParams(
      sampleFor(this.ctx, schema, `reshape ${String(item['id'] ?? '')}`),
      this.ctx,
    ) as Json;
    carryOver(out, item, schema, this.resolve);
    return out;
  }

  /** `{ object: "list", data, first_id, last_id, has_more }` in the shape the operation's schema gives. */
  listEnvelope(shown: Json[], data: StoredItem[], hasMore: boolean): Json {
    const schema = this.ctx.operation.success!.content['application/json'];
    const props = objectProperties(schema, this.resolve) ?? {};
    const out: Json = {};
    const random = this.ctx.random.fork('envelope');
    for (const [name, prop] of Object.entries(props)) {
      if (name === 'data') out[name] = shown;
      else if (name === 'has_more') out[name] = hasMore;
      else if (name === 'first_id' || name === 'last_id') {
        const at = name === 'first_id' ? data[0] : data[data.length - 1];
        const id = typeof at?.item['id'] === 'string' ? at.item['id'] : at?.key;
        out[name] = id ?? (matchesSchema(null, prop, this.resolve) ? null : '');
      } else if (name === 'next_page') out[name] = null;
      else
        out[name] = sampleSchema(prop, {
          random: random.fork(name),
          resolveRef: this.resolve,
          now: this.engine.timestamp(),
        });
    }
    return out;
  }

  async update(c: Collection): Promise<MockResponse> {
    const stored = await this.requireItem(c);
    const item = { ...stored.item };
    const fields = bodyFields(this.ctx.body);
    const schema = this.itemSchema(c);
    if (schema) carryOver(item, fields, schema, this.resolve);
    const next = { ...stored, item };
    await this.put(c, next);
    const answerSchema = this.ctx.operation.success?.content['application/json'];
    return json(this.reshape(await this.present(c, next), answerSchema, c));
  }

  async remove(c: Collection): Promise<MockResponse> {
    const stored = await this.requireItem(c);
    await storeOf(this.engine, c).delete(storeKey(stored.parent, stored.key));
    await this.removeChildren(c, stored);
    const answerSchema = this.ctx.operation.success?.content['application/json'];
    if (!answerSchema)
      return { status: this.ctx.operation.success!.status, headers: {}, body: { kind: 'none' } };
    const answer = echoPathParams(sampleFor(this.ctx, answerSchema, 'deleted'), this.ctx) as Json;
    if (typeof answer['id'] === 'string') answer['id'] = stored.key;
    if (typeof answer['deleted'] === 'boolean') answer['deleted'] = true;
    return json(answer, this.ctx.operation.success!.status);
  }

  /** Deleting a vector store deletes its files; a thread, its messages and runs; and so on down. */
  async removeChildren(c: Collection, stored: StoredItem): Promise<void> {
    const prefix = stored.parent ? `${stored.parent}/${stored.key}` : stored.key;
    for (const child of this.map.collections()) {
      if (!child.parents.some((p) => p.collection === c)) continue;
      const store = storeOf(this.engine, child);
      for (const s of await store.list()) {
        if (s.parent === prefix || s.parent.startsWith(`${prefix}/`))
          await store.delete(storeKey(s.parent, s.key));
      }
    }
  }

  async act(role: Extract<Role, { kind: 'action' }>): Promise<MockResponse | undefined> {
    const c = role.collection;
    const stored = await this.requireItem(c);
    const hook = resourceHooks[c.path]?.action;
    const next =
      (hook && (await hook(this, c, stored, role.verb))) ?? (await this.applyVerb(c, stored, role.verb));
    if (!role.returnsItem) return undefined;
    return json(await this.present(c, next));
  }

  /** cancel, pause, resume, archive on one item, as its lifecycle allows. */
  async applyVerb(c: Collection, stored: StoredItem, verb: string): Promise<StoredItem> {
    const life = lifecycleOf(stored.item);
    const status = String(stored.item['status'] ?? '');
    const now = this.engine.clock.now();
    const item = { ...stored.item };
    const next: StoredItem = { ...stored, item };
    const noun = nounOf(c, this.contract);
    if (verb === 'cancel') {
      if (life?.final.includes(status))
        throw new OpenAIHttpError(400, `Cannot cancel ${noun} ${stored.key}: its status is '${status}'.`, {
          code: 'invalid_state',
        });
      const cancel = life?.cancel ?? { now: 'cancelled' };
      const stamps = cancel.patch?.(this.seconds(now)) ?? {};
      delete next.pending;
      delete next.paused;
      if (cancel.settles) {
        // `cancelling` now, `cancelled` shortly after, as a real cancellation goes.
        this.patch(c, item, { status: cancel.now });
        next.pending = [
          { at: now + 100, fields: { status: cancel.settles, ...cancel.patch?.(this.seconds(now + 100)) } },
        ];
      } else this.patch(c, item, { status: cancel.now, ...stamps });
    } else if (verb === 'pause' && life?.pause) {
      if (!life.pause.from.includes(status))
        throw new OpenAIHttpError(400, `Cannot pause ${noun} ${stored.key}: its status is '${status}'.`, {
          code: 'invalid_state',
        });
      this.patch(c, item, { status: life.pause.status });
      next.paused = (stored.pending ?? []).map((p) => ({ ...p, delay: Math.max(0, p.at - now) }));
      delete next.pending;
    } else if (verb === 'resume' && life?.pause) {
      if (!next.paused)
        throw new OpenAIHttpError(400, `Cannot resume ${noun} ${stored.key}: it is not paused.`, {
          code: 'invalid_state',
        });
      this.patch(c, item, { status: 'running' });
      next.pending = next.paused.map(({ delay, ...p }) => ({ ...p, at: now + delay }));
      delete next.paused;
    } else if (verb === 'archive') {
      this.patch(c, item, { status: 'archived', archived_at: this.seconds(now) });
    }
    await this.put(c, next);
    return next;
  }

  async singleton(path: string): Promise<MockResponse> {
    const parents = this.map.parentsOf(this.ctx.operation);
    const parent = await this.parentKeys(parents);
    const store = this.engine.stores.store<Json>('generic singletons');
    const key = storeKey(parent, path);
    const schema = this.ctx.operation.success?.content['application/json'];
    if (!schema) return respondFromSchema(this.ctx);
    let value = await store.get(key);
    if (!value) {
      // The settings before anyone changed them: drawn from the seed and the path, the same on every read.
      value = sampleSchema(schema, {
        random: createRandom(`${this.engine.options.seed}\u0000${key}`),
        resolveRef: this.resolve,
        now: this.engine.timestamp(),
        hints: realisticHints(this.contract),
      }) as Json;
      value = echoPathParams(value, this.ctx) as Json;
    }
    if (this.ctx.request.method === 'DELETE') {
      await store.delete(key);
      const answer = echoPathParams(sampleFor(this.ctx, schema, 'deleted'), this.ctx) as Json;
      if (typeof answer['deleted'] === 'boolean') answer['deleted'] = true;
      return json(answer);
    }
    if (this.ctx.request.method === 'POST') {
      value = { ...value };
      carryOver(value, bodyFields(this.ctx.body), schema, this.resolve);
      for (const stamp of ['updated_at'])
        if (typeof value[stamp] === 'number') value[stamp] = this.engine.timestamp();
      await store.set(key, value);
    } else await store.set(key, value);
    return json(value);
  }

  /** Collections the document offers no create for (organization users, run steps, …) get a few items at first use. */
  async seed(c: Collection, parent: string): Promise<void> {
    const state = layerState(this.engine);
    const key = seedKey(c, parent);
    if (state.seeded.has(key) || !c.list) return;
    const schema = listItemSchema(c.list, this.resolve);
    if (!schema) return;
    const random = createRandom(`${this.engine.options.seed}\u0000seed\u0000${key}`);
    const parentParams = c.parents.map((p) => p.param);
    const parentKeys = parent ? parent.split('/') : [];
    const now = this.engine.timestamp();
    const items: StoredItem[] = [];
    for (let i = 0; i < SEEDED_COUNT; i++) {
      // Whole objects (every optional field), as the real API lists them.
      const item = sampleSchema(schema, {
        random: random.fork(String(i)),
        resolveRef: this.resolve,
        now,
        hints: realisticHints(this.contract),
        optionalProbability: 1,
        maxDepth: 4,
      }) as Json;
      if (!item || typeof item !== 'object') return;
      for (const [j, name] of parentParams.entries())
        if (typeof item[name] === 'string') item[name] = parentKeys[j];
      if (typeof item['object'] === 'string' && typeof item['id'] === 'string') {
        const shape = idShapeFor(this.contract, item['object']);
        item['id'] = this.engine.ids.next(shape.prefix, random.fork(`id ${i}`), shape.opts);
      }
      for (const stamp of ['created_at', 'created'])
        if (typeof item[stamp] === 'number') item[stamp] = now - (SEEDED_COUNT - i) * 60;
      const itemKey = keyOf(c, item);
      if (!itemKey) return; // no ids: nothing to keep (answered from the schema instead)
      sumTotals(item);
      items.push({ key: itemKey, parent, seq: this.nextSeq(), item });
    }
    state.seeded.add(key);
    for (const s of items) await this.put(c, s);
  }
}

function seedKey(c: Collection, parent: string): string {
  return `${c.path}\u0000${parent}`;
}

/** The key an item is found by: its item-param field (`version`, `user_id`) where it has one, else its id. */
function keyOf(c: Collection, item: Json): string | undefined {
  if (
    c.itemParam &&
    c.itemParam !== 'id' &&
    typeof item[c.itemParam] === 'string' &&
    !c.itemParam.endsWith('_id')
  )
    return item[c.itemParam] as string;
  if (typeof item['id'] === 'string') return item['id'];
  if (c.itemParam && typeof item[c.itemParam] === 'string') return item[c.itemParam] as string;
  return undefined;
}

/** What a missing item is called in the 404: the last word of its `object` type (`vector_store` → "vector store"). */
function nounOf(c: Collection, contract: Contract): string {
  const schema = c.itemRef ? contract.resolveRef(c.itemRef) : undefined;
  const objectProp = schema?.properties?.object;
  const type = objectProp?.const ?? (Array.isArray(objectProp?.enum) ? objectProp.enum[0] : undefined);
  const word = typeof type === 'string' ? type.split('.').pop()! : c.path.split('/').pop()!.replace(/s$/, '');
  return word.replace(/_/g, ' ');
}

export function notFound(c: Collection, key: string, contract: Contract): OpenAIHttpError {
  return new OpenAIHttpError(404, `No ${nounOf(c, contract)} found with id '${key}'.`, {
    code: null,
    param: null,
  });
}

function lastPageOf(page: Json, data: Json[]): Json {
  if ('has_more' in page) page['has_more'] = false;
  if ('first_id' in page && data[0]) page['first_id'] = data[0]['id'] ?? page['first_id'];
  if ('last_id' in page && data.length) page['last_id'] = data[data.length - 1]!['id'] ?? page['last_id'];
  return page;
}

interface PageQuery {
  limit: number;
  order: 'asc' | 'desc';
  after: string | undefined;
  before: string | undefined;
}

/** `limit` and `order` with the defaults the operation's own parameters declare. */
function pageQuery(op: Operation, query: Record<string, string | string[]>): PageQuery {
  const one = (name: string) => {
    const v = query[name];
    return Array.isArray(v) ? v[v.length - 1] : v;
  };
  const param = (name: string) => op.queryParams.find((p) => p.name === name)?.schema;
  const limitDefault = Number(param('limit')?.default ?? 20);
  const limit = Number(one('limit') ?? limitDefault);
  const orderDefault = param('order')?.default === 'asc' ? 'asc' : 'desc';
  const order = one('order') === 'asc' ? 'asc' : one('order') === 'desc' ? 'desc' : orderDefault;
  return {
    limit: Number.isInteger(limit) && limit > 0 ? limit : limitDefault,
    order,
    after: one('after') || undefined,
    before: one('before') || undefined,
  };
}

/**
 * One page: after `after` (or ending right before `before`), `limit` long, `has_more` when items remain.
 * A cursor naming no item of the list (deleted since, or made up) gives an empty last page.
 */
function pageOf(items: StoredItem[], q: PageQuery): { data: StoredItem[]; hasMore: boolean } {
  // SDKs page after the last item's `id`; items found by another key (a skill's `version`) have both.
  const at = (id: string) => items.findIndex((s) => s.key === id || s.item['id'] === id);
  if (q.before !== undefined) {
    const end = at(q.before);
    if (end === -1) return { data: [], hasMore: false };
    const start = Math.max(0, end - q.limit);
    return { data: items.slice(start, end), hasMore: start > 0 };
  }
  const from = q.after !== undefined ? at(q.after) : -1;
  if (q.after !== undefined && from === -1) return { data: [], hasMore: false };
  const start = from + 1;
  return { data: items.slice(start, start + q.limit), hasMore: start + q.limit < items.length };
}

/** `?filter=completed` (vector store files) and query parameters named like a field (`run_id`) narrow a list. */
function filterByQuery(items: StoredItem[], query: Record<string, string | string[]>): StoredItem[] {
  let out = items;
  for (const [name, raw] of Object.entries(query)) {
    if (['after', 'before', 'limit', 'order', 'include'].includes(name)) continue;
    const value = Array.isArray(raw) ? raw[raw.length - 1] : raw;
    if (value === undefined) continue;
    const field = name === 'filter' ? 'status' : name;
    out = out.filter((s) => typeof s.item[field] !== 'string' || s.item[field] === value);
  }
  return out;
}
