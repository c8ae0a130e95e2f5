import { isPlainObject, type SchemaShapes } from './schema-shapes.js';

type Flat = Record<string, string | string[]>;

/** What a `format: binary` field holds once files are merged into the fields: any string passes. */
const filePlaceholder = (name: string) => `[file ${name}]`;

/**
 * Bracket keys as the official SDKs send them (`metadata[key]=v`, `include[]=a&include[]=b`,
 * `chunking_strategy[type]=auto`) → nested values. Keys without brackets stay as they are.
 */
export function nestBrackets(flat: Flat): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(flat)) {
    const m = /^([^[\]]+)((?:\[[^\]]*\])+)$/.exec(key);
    if (!m) {
      out[key] = join(out[key], value);
      continue;
    }
    const segs = [...m[2]!.matchAll(/\[([^\]]*)\]/g)].map((x) => x[1]!);
    let node: Record<string, unknown> = out;
    let name = m[1]!;
    for (const seg of segs) {
      if (seg === '') break; // `a[]` (and `a[b][]`): the values form the array
      const next = isPlainObject(node[name]) ? (node[name] as Record<string, unknown>) : {};
      node[name] = next;
      node = next;
      name = seg;
    }
    const isList = segs[segs.length - 1] === '';
    node[name] = join(node[name], isList && !Array.isArray(value) ? [value] : value);
  }
  return out;
}

function join(existing: unknown, value: string | string[]): unknown {
  if (existing === undefined) return value;
  return [...(Array.isArray(existing) ? existing : [existing]), ...(Array.isArray(value) ? value : [value])];
}

/** Multipart fields and files as one object to validate; files become placeholder strings. */
export function multipartValue(
  fields: Flat,
  files: Record<string, { filename: string }[]>,
): Record<string, unknown> {
  const flat: Flat = { ...fields };
  for (const [key, list] of Object.entries(files)) {
    const names = list.map((f) => filePlaceholder(f.filename || 'upload'));
    flat[key] = names.length === 1 && !key.endsWith('[]') ? names[0]! : names;
  }
  return nestBrackets(flat);
}

/**
 * Strings from a query or a form turned into what the schema expects: numbers, booleans, null,
 * arrays (one value for an array field becomes a list of one), JSON text for object fields.
 * Lenient on purpose: the real API accepts `n=2` and `stream=true` in forms.
 */
export function coerceToSchema(shapes: SchemaShapes, schema: unknown, value: unknown, depth = 0): unknown {
  if (depth > 12 || schema === undefined) return value;
  const types = shapes.acceptedTypes(schema);
  if (typeof value === 'string') {
    if (types.has('string')) return value;
    const trimmed = value.trim();
    if ((types.has('integer') || types.has('number')) && trimmed !== '' && Number.isFinite(Number(trimmed))) {
      return Number(trimmed);
    }
    if (types.has('boolean') && (value === 'true' || value === 'false')) return value === 'true';
    if (types.has('null') && (value === 'null' || value === '')) return null;
    if ((types.has('object') || types.has('array')) && /^[[{]/.test(trimmed)) {
      try {
        return coerceToSchema(shapes, schema, JSON.parse(trimmed), depth + 1);
      } catch {
        return value;
      }
    }
    if (types.has('array')) return [coerceToSchema(shapes, itemsSchema(shapes, schema), value, depth + 1)];
    return value;
  }
  if (Array.isArray(value)) {
    if (types.has('array'))
      return value.map((v) => coerceToSchema(shapes, itemsSchema(shapes, schema), v, depth + 1));
    return value.length === 1 ? coerceToSchema(shapes, schema, value[0], depth + 1) : value;
  }
  if (isPlainObject(value)) {
    const keys = Object.keys(value);
    if (!types.has('object') && types.has('array') && keys.every((k) => /^\d+$/.test(k))) {
      return coerceToSchema(
        shapes,
        schema,
        keys.sort((a, b) => +a - +b).map((k) => value[k]),
        depth + 1,
      );
    }
    const out: Record<string, unknown> = {};
    for (const k of keys)
      out[k] = coerceToSchema(shapes, propertySchema(shapes, schema, k), value[k], depth + 1);
    return out;
  }
  return value;
}

/** The schema of the items of whichever branch takes arrays. */
function itemsSchema(shapes: SchemaShapes, schema: unknown, depth = 0): unknown {
  const s = shapes.deref(schema);
  if (!s || typeof s !== 'object' || depth > 8) return undefined;
  if (s.items !== undefined) return s.items;
  for (const key of ['anyOf', 'oneOf', 'allOf']) {
    if (!Array.isArray(s[key])) continue;
    for (const branch of s[key]) {
      if (!shapes.acceptedTypes(branch).has('array')) continue;
      const found = itemsSchema(shapes, branch, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return undefined;
}

/** The schema of property `name` in whichever branch declares it (or takes extra properties). */
function propertySchema(shapes: SchemaShapes, schema: unknown, name: string, depth = 0): unknown {
  const s = shapes.deref(schema);
  if (!s || typeof s !== 'object' || depth > 8) return undefined;
  if (s.properties && Object.hasOwn(s.properties, name)) return s.properties[name];
  for (const key of ['allOf', 'anyOf', 'oneOf']) {
    if (!Array.isArray(s[key])) continue;
    for (const branch of s[key]) {
      const found = propertySchema(shapes, branch, name, depth + 1);
      if (found !== undefined) return found;
    }
  }
  return typeof s.additionalProperties === 'object' ? s.additionalProperties : undefined;
}
