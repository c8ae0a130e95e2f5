/**
 * The model ids an OpenAPI document names: every string enum under a `model` property (and the shared
 * model-id schemas such as `ModelIdsShared`, `VideoModel`), each with the places that name it — the
 * component schema or the operation whose request body lists it. The engine's model catalog is built
 * from this, so a new document brings its new models with no code change.
 */
export interface DocumentModel {
  id: string;
  /** Component schema names and `POST /path` keys where the id appears in a model enum. */
  where: string[];
}

/** Component schemas that are model-id lists themselves rather than objects with a `model` property. */
const MODEL_ID_SCHEMA = /ModelIds|^VideoModel$|SupportedModels$/;
const REF_PREFIX = '#/components/schemas/';
/** Keys whose values never hold a model enum (examples are values, not schemas). */
const SKIPPED = new Set(['example', 'examples', 'enum', 'x-oaiMeta', 'default']);

/** One walk per document (~25 ms on OpenAI's): engines built over the same contract share it. */
const cache = new WeakMap<object, DocumentModel[]>();

export function modelsInDocument(document: any): DocumentModel[] {
  if (!document || typeof document !== 'object') return [];
  const cached = cache.get(document);
  if (cached) return cached;
  const models = walkDocument(document);
  cache.set(document, models);
  return models;
}

function walkDocument(document: any): DocumentModel[] {
  const schemas: Record<string, unknown> = document?.components?.schemas ?? {};
  const found = new Map<string, Set<string>>();
  const note = (id: string, where: string) => {
    const places = found.get(id) ?? new Set<string>();
    found.set(id, places);
    places.add(where);
  };
  // `followed` stops a model subtree's $refs from looping; outside model subtrees refs are not followed.
  const walk = (node: unknown, where: string, inModel: boolean, followed: Set<string> | null): void => {
    if (!node || typeof node !== 'object') return;
    if (Array.isArray(node)) {
      for (const item of node) walk(item, where, inModel, followed);
      return;
    }
    const n = node as Record<string, unknown>;
    if (inModel && Array.isArray(n['enum']) && n['type'] !== 'object')
      for (const value of n['enum']) if (typeof value === 'string') note(value, where);
    const ref = n['$ref'];
    if (inModel && typeof ref === 'string' && ref.startsWith(REF_PREFIX) && !followed?.has(ref)) {
      const next = new Set(followed);
      next.add(ref);
      walk(schemas[ref.slice(REF_PREFIX.length)], where, true, next);
    }
    for (const k in n) {
      const v = n[k];
      if (!v || typeof v !== 'object' || SKIPPED.has(k)) continue;
      if (k === 'properties') {
        for (const name in v as Record<string, unknown>)
          walk(
            (v as Record<string, unknown>)[name],
            where,
            inModel || name === 'model',
            inModel ? followed : null,
          );
      } else walk(v, where, inModel, followed);
    }
  };
  for (const [name, schema] of Object.entries(schemas)) walk(schema, name, MODEL_ID_SCHEMA.test(name), null);
  for (const [path, item] of Object.entries<Record<string, any>>(document?.paths ?? {}))
    for (const [method, op] of Object.entries(item ?? {}))
      if (op && typeof op === 'object' && op.requestBody)
        walk(op.requestBody, `${method.toUpperCase()} ${path}`, false, null);
  return [...found].map(([id, where]) => ({ id, where: [...where] }));
}
