import { APIError, type OpenAI } from 'openai';
import { CursorPage } from 'openai/pagination';
import { describe, expect, it } from 'vitest';
import { loadContract, type Operation } from '../../src/contract/index.js';
import { createVirtualClock } from '../../src/engine/index.js';
import { createRandom, sampleSchema } from '../../src/fixtures/index.js';
import { simulators } from '../../src/simulators/index.js';
import { useMockServer } from '../helpers/server.js';

/**
 * Every resource group of the document that no simulator owns, walked with the official SDK:
 * create → retrieve (equal) → list (contains; `for await` pages through with limit 1 and ends) → update →
 * delete → 404. The groups are found here from the document's paths alone (a collection `C` with an item
 * path `C/{id}` that answers GET), so a new document brings its new groups into this test.
 */
const contract = await loadContract();
// A virtual clock: background work (runs, jobs, file ingestion) stays where it is unless a test moves it.
const server = await useMockServer({ seed: 7, clock: createVirtualClock() });
const client: OpenAI = server.client;
const simulated = new Set(simulators.map((h) => h.operationId));
const deref = (v: any): any => (v && typeof v.$ref === 'string' ? deref(contract.resolveRef(v.$ref)) : v);

interface Group {
  path: string;
  itemParam: string;
  ops: Record<'list' | 'create' | 'retrieve' | 'update' | 'delete', Operation | undefined>;
}

const byPath = new Map<string, Map<string, Operation>>();
for (const op of contract.operations) {
  if (op.queryMatch) continue;
  if (!byPath.has(op.path)) byPath.set(op.path, new Map());
  byPath.get(op.path)!.set(op.method, op);
}
const groups: Group[] = [];
for (const [path, methods] of byPath) {
  const m = /^(.*)\/\{([^}]+)\}$/.exec(path);
  const retrieve = methods.get('GET');
  if (!m || !retrieve || simulated.has(retrieve.id)) continue;
  const [, base, itemParam] = m as unknown as [string, string, string];
  const around = byPath.get(base);
  const update = methods.get('POST');
  groups.push({
    path: base,
    itemParam,
    ops: {
      list: around?.get('GET'),
      create: around?.get('POST'),
      retrieve,
      update: update && !/^cancel/i.test(update.id) ? update : undefined,
      delete: methods.get('DELETE'),
    },
  });
}
const groupByParam = (param: string, before: string) =>
  groups.find((g) => g.path === before && g.itemParam === param) ??
  groups
    .filter((g) => g.itemParam === param)
    .sort((a, b) => b.path.split('{').length - a.path.split('{').length)
    .find((g) =>
      g.path
        .split(/[{}]/)
        .filter((_, i) => i % 2)
        .every((p) => before.includes(`{${p}}`)),
    );

/** A request body with the required fields the document asks for, and `name` / `metadata` where declared. */
function bodyFor(op: Operation, label: string): Record<string, unknown> {
  const schemaOf = (type: string) =>
    deref(deref(contract.resolveRef(`#${op.pointer}`))?.requestBody)?.content?.[type]?.schema;
  const schema = schemaOf('application/json') ?? schemaOf('multipart/form-data');
  if (!schema) return {};
  const body = sampleSchema(schema, {
    random: createRandom(`walk ${op.id} ${label}`),
    resolveRef: (r) => contract.resolveRef(r),
    optionalProbability: 0,
    maxDepth: 3,
  }) as Record<string, unknown>;
  const props = deref(schema).properties ?? {};
  if (props.name && deref(props.name).type === 'string') body['name'] = `walk ${label}`;
  if (props.metadata) body['metadata'] = { walk: label };
  if (typeof body['model'] === 'string') body['model'] = 'gpt-4o-mini';
  return body;
}

let fileId: string | undefined;
async function uploadedFile(): Promise<string> {
  fileId ??= (
    await client.files.create({
      file: new File(['A paperclip holds paper.'], 'notes.txt'),
      purpose: 'assistants',
    })
  ).id;
  return fileId;
}

/** Creates one item of `group` (and its parents first); returns the path of the new item and its id. */
async function createItem(
  group: Group,
  label: string,
): Promise<{ itemPath: string; id: string; created: any }> {
  let path = group.path;
  for (const [, param] of group.path.matchAll(/\{([^}]+)\}/g)) {
    const before = group.path.slice(0, group.path.indexOf(`{${param}}`) - 1);
    const parent = groupByParam(param!, before);
    if (!parent) throw new Error(`${group.path}: no group makes {${param}}`);
    const made = await existing(parent);
    path = path.replace(`{${param}}`, made);
  }
  const create = group.ops.create!;
  const body = bodyFor(create, label);
  for (const key of ['file_id', 'training_file']) if (key in body) body[key] = await uploadedFile();
  if ('file_ids' in body) body['file_ids'] = [await uploadedFile()];
  if ('files' in body && Array.isArray(body['files'])) body['files'] = [{ file_id: await uploadedFile() }];
  const types = create.requestBody?.contentTypes ?? [];
  const multipart =
    types.includes('multipart/form-data') &&
    (!types.includes('application/json') || binaryFields(create).length);
  const created: any = multipart
    ? await client.post(path, { body: formData(create, body) as any })
    : await client.post(path, { body });
  return {
    itemPath: `${path}/${encodeURIComponent(idOf(group, created, body))}`,
    id: idOf(group, created, body),
    created,
  };
}

/** The id an item's path uses: its `version` (not an `…_id`) where it has one, the id the request named, else `id`. */
function idOf(group: Group, item: any, body: Record<string, unknown> = {}): string {
  if (!group.itemParam.endsWith('_id') && typeof item[group.itemParam] === 'string')
    return item[group.itemParam];
  return String(body[group.itemParam] ?? item.id ?? item[group.itemParam]);
}

function binaryFields(op: Operation): string[] {
  const schema = deref(
    deref(deref(contract.resolveRef(`#${op.pointer}`))?.requestBody)?.content?.['multipart/form-data']
      ?.schema,
  );
  return Object.entries(schema?.properties ?? {})
    .filter(([, p]: [string, any]) => {
      const prop = deref(p);
      const items = deref(prop?.items);
      return (
        prop?.format === 'binary' ||
        items?.format === 'binary' ||
        prop?.anyOf?.some(
          (b: any) => deref(b)?.format === 'binary' || deref(deref(b)?.items)?.format === 'binary',
        )
      );
    })
    .map(([k]) => k);
}

function formData(op: Operation, body: Record<string, unknown>): FormData {
  const form = new FormData();
  const binary = binaryFields(op);
  for (const [k, v] of Object.entries(body)) {
    if (binary.includes(k) || (v && typeof v === 'object')) continue;
    form.append(k, String(v));
  }
  for (const k of binary) form.append(k, new File(['hello'], k === 'files' ? 'SKILL.md' : `${k}.wav`));
  return form;
}

const made = new Map<string, string>();
/** An item of a parent group: created once, or (for groups nobody creates, like organization users) listed. */
async function existing(group: Group): Promise<string> {
  const key = group.path;
  if (made.has(key)) return made.get(key)!;
  let id: string;
  if (group.ops.create) id = (await createItem(group, 'parent')).id;
  else {
    let path = group.path;
    for (const [, param] of group.path.matchAll(/\{([^}]+)\}/g)) {
      const before = group.path.slice(0, group.path.indexOf(`{${param}}`) - 1);
      path = path.replace(`{${param}}`, await existing(groupByParam(param!, before)!));
    }
    const page: any = await client.get(path);
    id = page.data[0].id;
    made.set(`${key} path`, path);
  }
  made.set(key, id);
  return id;
}

const walkable = groups.filter((g) => g.ops.create && g.ops.retrieve);

describe('every generic resource group, walked with the official SDK', () => {
  it('finds the groups the issue names in the document', () => {
    const paths = walkable.map((g) => g.path);
    for (const p of [
      '/assistants',
      '/threads/{thread_id}/messages',
      '/threads/{thread_id}/runs',
      '/vector_stores',
      '/vector_stores/{vector_store_id}/files',
      '/vector_stores/{vector_store_id}/file_batches',
      '/evals',
      '/evals/{eval_id}/runs',
      '/containers',
      '/containers/{container_id}/files',
      '/skills',
      '/skills/{skill_id}/versions',
      '/fine_tuning/jobs',
      '/organization/projects',
      '/organization/projects/{project_id}/users',
      '/videos',
    ])
      expect(paths).toContain(p);
    expect(walkable.length).toBeGreaterThanOrEqual(30);
  });

  for (const group of walkable) {
    it(`${group.path}: create, retrieve, list, update, delete, 404`, async () => {
      made.clear(); // the server is shared; each walk makes its own items
      fileId = undefined;
      const first = await createItem(group, 'one');
      const got: any = await client.get(first.itemPath);
      // Equal: where a create answers in its own shape (a new key with its secret), on the fields both have.
      expect(idOf(group, got)).toBe(first.id);
      const shared = Object.keys(got).filter((k) => k in first.created);
      for (const k of shared) expect([k, got[k]]).toEqual([k, first.created[k]]);

      if (group.ops.list) {
        const second = await createItem(group, 'two');
        const listPath = first.itemPath.slice(0, first.itemPath.lastIndexOf('/'));
        const seen: string[] = [];
        const all: any = await client.get(listPath);
        if (all.data.every((item: any) => typeof item.id === 'string')) {
          // limit 1: the SDK asks for the next page after each item's id until `has_more` is false.
          // Every page holds one item and the last says `has_more: false`: no empty page is ever fetched.
          const pages = await client.getAPIList(listPath, CursorPage<any>, { query: { limit: 1 } });
          for await (const page of pages.iterPages()) {
            expect(page.data).toHaveLength(1);
            seen.push(idOf(group, page.data[0]));
            if (seen.length > 50) break;
          }
          expect(all.has_more).toBe(false);
        } else seen.push(...all.data.map((item: any) => idOf(group, item))); // no ids: the SDK cannot page

        expect(seen).toContain(first.id);
        expect(seen).toContain(second.id);
        expect(seen.length).toBeLessThan(50);
      }

      if (group.ops.update) {
        const body = bodyFor(group.ops.update, 'updated');
        const updated: any = await client.post(first.itemPath, { body });
        const again: any = await client.get(first.itemPath);
        for (const k of Object.keys(updated).filter((key) => key in again))
          expect([k, again[k]]).toEqual([k, updated[k]]);
        if (typeof body['name'] === 'string' && 'name' in again) expect(again.name).toBe('walk updated');
        if (body['metadata'] && 'metadata' in again) expect(again.metadata).toEqual({ walk: 'updated' });
      }

      if (group.ops.delete) {
        const deleted: any = await client.delete(first.itemPath);
        if (deleted && typeof deleted === 'object' && 'deleted' in deleted)
          expect(deleted.deleted).toBe(true);
        const error = await client.get(first.itemPath).catch((e: unknown) => e);
        expect(error).toBeInstanceOf(APIError);
        expect((error as APIError).status).toBe(404);
        expect((error as APIError).message).toMatch(/^404 No .+ found with id '.+'\.$/);
      }
    });
  }
});
