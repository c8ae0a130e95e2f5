import type { Contract, Operation } from '../../contract/index.js';

/**
 * What each operation does to state, read from the document alone: its path, method, operationId and
 * success schema. A collection is a path `C` with an item path `C/{param}`; `GET C` lists, `POST C` creates,
 * `GET|POST|DELETE C/{param}` retrieve, update and delete, `POST C/{param}/verb` acts on an item. A path
 * with a GET that is no list and a POST or DELETE beside it is a singleton (settings such as data retention).
 * Nothing here names a resource: a new document brings its new resources with no code change.
 */
export type Role =
  | { kind: 'create'; collection: Collection }
  | { kind: 'list'; collection: Collection }
  | { kind: 'retrieve' | 'update' | 'delete'; collection: Collection }
  /** `POST C/{p}/cancel`, `…/pause`, `POST C/{p}` named cancel…: a verb on one item. */
  | { kind: 'action'; collection: Collection; verb: string; returnsItem: boolean }
  | { kind: 'singleton'; key: string }
  /** Anything else (search, content, usage reports, realtime calls): answered from the schema. */
  | { kind: 'other' };

export interface Collection {
  /** The template, e.g. `/vector_stores/{vector_store_id}/files`. */
  path: string;
  /** The item's path parameter, e.g. `file_id`. */
  itemParam: string;
  /** Path parameters naming the parents, outermost first, each with the collection it names. */
  parents: { param: string; collection: Collection }[];
  /** The `$ref` of the item schema (the retrieve answer, else the create answer), for "returns the item". */
  itemRef: string | undefined;
  /** Whether the document offers a way to create items; if not, items are seeded on first use. */
  creatable: boolean;
  /** The list operation, if any (its schema builds list envelopes and seeded items). */
  list: Operation | undefined;
  /** The delete operation's success schema builds the `…deleted` answer. */
  retrieve: Operation | undefined;
}

export interface ResourceMap {
  roleOf(op: Operation): Role;
  /** The collections the path parameters of `op` name, outermost first (for the 404 of a missing parent). */
  parentsOf(op: Operation): { param: string; collection: Collection }[];
  collections(): Collection[];
}

const maps = new WeakMap<Contract, ResourceMap>();

export function resourceMap(contract: Contract): ResourceMap {
  let map = maps.get(contract);
  if (!map) {
    map = buildResourceMap(contract.operations, (ref) => contract.resolveRef(ref));
    maps.set(contract, map);
  }
  return map;
}

const isParam = (seg: string) => /^\{[^}]+\}$/.test(seg);
const paramName = (seg: string) => seg.slice(1, -1);

function jsonRef(op: Operation | undefined): string | undefined {
  const schema = op?.success?.content['application/json'];
  return typeof schema?.$ref === 'string' ? schema.$ref : undefined;
}

export function buildResourceMap(
  operations: readonly Operation[],
  resolveRef: (ref: string) => unknown,
): ResourceMap {
  const isListSchema = (op: Operation) => listItemSchema(op, resolveRef) !== undefined;
  const itemRefOf = (op: Operation | undefined) => {
    const item = op && (listItemSchema(op, resolveRef) as { $ref?: unknown } | undefined);
    return typeof item?.$ref === 'string' ? item.$ref : undefined;
  };
  const byPath = new Map<string, Map<string, Operation>>();
  for (const op of operations) {
    if (op.queryMatch) continue; // variants (`?beta=true`) share their plain operation's role
    let methods = byPath.get(op.path);
    if (!methods) {
      methods = new Map();
      byPath.set(op.path, methods);
    }
    methods.set(op.method, op);
  }

  // Collections: every `C` with an item path `C/{p}`.
  const collections = new Map<string, Collection>();
  for (const [path, methods] of byPath) {
    const segs = path.split('/');
    const last = segs[segs.length - 1]!;
    if (!isParam(last) || segs.length < 3) continue;
    const parentPath = segs.slice(0, -1).join('/');
    if (isParam(segs[segs.length - 2]!)) continue;
    const around = byPath.get(parentPath);
    const retrieve = methods.get('GET');
    const list = around?.get('GET');
    collections.set(parentPath, {
      path: parentPath,
      itemParam: paramName(last),
      parents: [],
      itemRef: jsonRef(retrieve) ?? itemRefOf(list) ?? jsonRef(around?.get('POST')),
      creatable: around?.has('POST') ?? false,
      list,
      retrieve,
    });
  }
  // Lists with no item path (`/fine_tuning/jobs/{id}/events`, `/organization/audit_logs`): read-only collections.
  for (const [path, methods] of byPath) {
    const list = methods.get('GET');
    if (collections.has(path) || !list || methods.size > 1 || !isListSchema(list)) continue;
    collections.set(path, {
      path,
      itemParam: '',
      parents: [],
      itemRef: itemRefOf(list),
      creatable: false,
      list,
      retrieve: undefined,
    });
  }
  // Item param names → collections, for parents named by a path that is not their own (`/projects/{project_id}/roles`).
  const byItemParam = new Map<string, Collection[]>();
  for (const c of collections.values()) {
    const list = byItemParam.get(c.itemParam) ?? [];
    list.push(c);
    byItemParam.set(c.itemParam, list);
  }
  const parentsCache = new Map<string, { param: string; collection: Collection }[]>();
  const parentsOfPath = (path: string, exceptLast: boolean) => {
    const cacheKey = `${exceptLast} ${path}`;
    const cached = parentsCache.get(cacheKey);
    if (cached) return cached;
    const segs = path.split('/');
    const out: { param: string; collection: Collection }[] = [];
    const end = exceptLast && isParam(segs[segs.length - 1]!) ? segs.length - 1 : segs.length;
    for (let i = 1; i < end; i++) {
      if (!isParam(segs[i]!)) continue;
      const param = paramName(segs[i]!);
      const prefix = segs.slice(0, i).join('/');
      const own = collections.get(prefix);
      const found =
        own && own.itemParam === param ? own : closest(byItemParam.get(param) ?? [], segs.slice(0, i));
      if (found) out.push({ param, collection: found });
    }
    parentsCache.set(cacheKey, out);
    return out;
  };
  for (const c of collections.values()) c.parents = parentsOfPath(c.path, false);

  const roles = new Map<Operation, Role>();
  const roleOf = (op: Operation): Role => {
    const known = roles.get(op);
    if (known) return known;
    const role = classify(op);
    roles.set(op, role);
    return role;
  };
  const classify = (op: Operation): Role => {
    const segs = op.path.split('/');
    const last = segs[segs.length - 1]!;
    const own = collections.get(op.path);
    if (own && op.method === 'GET' && isListSchema(op)) return { kind: 'list', collection: own };
    if (own && op.method === 'POST') return { kind: 'create', collection: own };
    if (isParam(last)) {
      const c = collections.get(segs.slice(0, -1).join('/'));
      if (c) {
        if (op.method === 'GET') return { kind: 'retrieve', collection: c };
        if (op.method === 'DELETE') return { kind: 'delete', collection: c };
        if (op.method === 'POST') {
          // `POST /evals/{eval_id}/runs/{run_id}` cancels; `POST /assistants/{id}` modifies.
          const verb = verbOf(op.id);
          if (verb) return { kind: 'action', collection: c, verb, returnsItem: jsonRef(op) === c.itemRef };
          return { kind: 'update', collection: c };
        }
      }
      return { kind: 'other' };
    }
    const methods = byPath.get(op.path);
    if (!own && methods?.has('GET') && !isListSchema(methods.get('GET')!) && methods.size > 1)
      return { kind: 'singleton', key: op.path };
    // `POST C/{p}/verb`
    const itemPath = segs.slice(0, -1).join('/');
    const c = isParam(segs[segs.length - 2] ?? '') ? collections.get(segs.slice(0, -2).join('/')) : undefined;
    if (c && op.method === 'POST' && byPath.get(itemPath)) {
      const ref = jsonRef(op);
      // `POST /videos/{id}/remix` makes a new video: a create in the same collection.
      if (/^create/i.test(op.id) && ref !== undefined && ref === c.itemRef)
        return { kind: 'create', collection: c };
      return {
        kind: 'action',
        collection: c,
        verb: last,
        returnsItem: ref !== undefined && ref === c.itemRef,
      };
    }
    // `POST C/edits` making an item of C (same schema as C's items).
    const sibling = collections.get(segs.slice(0, -1).join('/'));
    if (sibling && op.method === 'POST' && /^create/i.test(op.id) && jsonRef(op) === sibling.itemRef)
      return { kind: 'create', collection: sibling };
    return { kind: 'other' };
  };

  return {
    roleOf,
    parentsOf: (op) => parentsOfPath(op.path, roleOf(op).kind !== 'list' && roleOf(op).kind !== 'create'),
    collections: () => [...collections.values()],
  };
}

/** Of several collections keyed by the same parameter, the one whose own parents the path also names. */
function closest(candidates: Collection[], before: string[]): Collection | undefined {
  if (candidates.length <= 1) return candidates[0];
  const named = new Set(before.filter(isParam).map(paramName));
  let best: Collection | undefined;
  let bestScore = -1;
  for (const c of candidates) {
    const parents = c.path.split('/').filter(isParam).map(paramName);
    if (!parents.every((p) => named.has(p))) continue;
    if (parents.length > bestScore) {
      best = c;
      bestScore = parents.length;
    }
  }
  return best;
}

/** A verb in an operationId that is not create/get/list/update/modify/delete (`cancelEvalRun` → cancel). */
function verbOf(operationId: string): string | undefined {
  const verb = /^(cancel|pause|resume|archive|activate|deactivate)/i.exec(operationId)?.[1];
  return verb?.toLowerCase();
}

/** The item schema of a list answer (`{ data: [item] }`), or undefined when `op` answers no list. */
export function listItemSchema(op: Operation, resolveRef: (ref: string) => unknown): unknown {
  const deref = (v: any): any => (v && typeof v.$ref === 'string' ? deref(resolveRef(v.$ref)) : v);
  const schema = deref(op.success?.content['application/json']);
  const data = deref(schema?.properties?.data);
  return data?.type === 'array' && data.items ? data.items : undefined;
}
