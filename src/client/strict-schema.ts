// Structured Outputs' strict mode accepts a subset of JSON Schema: every object lists all its properties
// in `required` and sets `additionalProperties: false`, `$ref`s point into `$defs` (or at the root, `#`),
// and a few keywords (`default`, `oneOf`, …) are not allowed. `toStrictJSONSchema` rewrites a schema
// (from zod or by hand) into that subset without changing what it accepts, except that an optional field
// becomes required-and-nullable: the model then sends `null` where it would have left the field out.
// `restoreOptionals` undoes that on the answer (a `null` in a field that was optional and not nullable is
// removed), so zod's `.optional()` and the original JSON Schema validate the parsed value as written.

import type { JSONSchema } from './types/shared.js';

type Schema = Record<string, unknown>;

const isObject = (value: unknown): value is Schema =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

/** Keywords strict mode rejects; they carry no meaning the model needs. */
const DROPPED = ['default', '$schema', '$id', 'examples'];

export function toStrictJSONSchema(schema: JSONSchema): JSONSchema {
  const root = structuredClone(schema) as Schema;
  // `definitions` (draft 7, zod-to-json-schema) becomes `$defs`; refs are rewritten to match.
  const defs: Schema = {
    ...(isObject(root['definitions']) ? root['definitions'] : {}),
    ...(isObject(root['$defs']) ? root['$defs'] : {}),
  };
  delete root['definitions'];
  delete root['$defs'];
  const hoisted = new Map<string, string>();
  const hoistedNames = new Set<string>();

  const refTarget = (ref: string): string => {
    if (ref === '#') return ref;
    const named = /^#\/(?:\$defs|definitions)\/([^/]+)$/.exec(ref);
    if (named) return `#/$defs/${named[1]}`;
    // A pointer elsewhere in the document: copy its target into $defs once and point there.
    const known = hoisted.get(ref);
    if (known) return known;
    const target = resolvePointer(schema as Schema, ref);
    if (!isObject(target)) throw new Error(`strict schema: cannot resolve $ref ${JSON.stringify(ref)}`);
    const name = `ref${hoisted.size + 1}`;
    const to = `#/$defs/${name}`;
    hoisted.set(ref, to);
    hoistedNames.add(name);
    defs[name] = convert(structuredClone(target));
    return to;
  };

  const convert = (node: unknown): Schema => {
    if (!isObject(node)) return node as Schema;
    for (const key of DROPPED) delete node[key];
    if (typeof node['$ref'] === 'string') node['$ref'] = refTarget(node['$ref']);
    if (Array.isArray(node['oneOf'])) {
      // The model cannot be held to "exactly one"; anyOf is what strict mode offers.
      node['anyOf'] = [...((node['anyOf'] as unknown[]) ?? []), ...node['oneOf']];
      delete node['oneOf'];
    }
    for (const key of ['anyOf', 'allOf'] as const) {
      if (Array.isArray(node[key])) node[key] = (node[key] as unknown[]).map(convert);
    }
    if (node['items'] !== undefined && !Array.isArray(node['items'])) node['items'] = convert(node['items']);
    if (Array.isArray(node['prefixItems'])) node['prefixItems'] = node['prefixItems'].map(convert);
    const looksLikeObject =
      node['type'] === 'object' ||
      (Array.isArray(node['type']) && node['type'].includes('object')) ||
      isObject(node['properties']);
    if (looksLikeObject) {
      const properties = isObject(node['properties']) ? node['properties'] : {};
      const required = new Set(Array.isArray(node['required']) ? (node['required'] as string[]) : []);
      for (const [name, sub] of Object.entries(properties)) {
        const converted = convert(sub);
        properties[name] = required.has(name) ? converted : nullable(converted);
      }
      node['properties'] = properties;
      node['required'] = Object.keys(properties);
      node['additionalProperties'] = false;
    }
    return node;
  };

  const converted = convert(root);
  for (const [name, def] of Object.entries(defs)) if (!hoistedNames.has(name)) defs[name] = convert(def);
  if (Object.keys(defs).length > 0) converted['$defs'] = defs;
  return converted;
}

/** The same schema, also accepting null. */
function nullable(schema: Schema): Schema {
  if (acceptsNull(schema)) return schema;
  const type = schema['type'];
  if (typeof type === 'string' && schema['$ref'] === undefined && !('anyOf' in schema)) {
    const out: Schema = { ...schema, type: [type, 'null'] };
    if (Array.isArray(schema['enum'])) out['enum'] = [...schema['enum'], null];
    return out;
  }
  if (
    Array.isArray(type) &&
    schema['$ref'] === undefined &&
    !('anyOf' in schema) &&
    !Array.isArray(schema['enum'])
  )
    return { ...schema, type: [...type, 'null'] };
  if (
    Array.isArray(schema['anyOf']) &&
    Object.keys(schema).every((k) => k === 'anyOf' || k === 'description')
  )
    return { ...schema, anyOf: [...schema['anyOf'], { type: 'null' }] };
  const { description, ...rest } = schema;
  return { ...(description === undefined ? {} : { description }), anyOf: [rest, { type: 'null' }] };
}

function acceptsNull(schema: Schema): boolean {
  const type = schema['type'];
  if (type === 'null' || (Array.isArray(type) && type.includes('null'))) return true;
  return Array.isArray(schema['anyOf']) && schema['anyOf'].some((s) => isObject(s) && acceptsNull(s));
}

function resolvePointer(root: Schema, ref: string): unknown {
  if (!ref.startsWith('#')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(1).split('/').filter(Boolean)) {
    const part = raw.replace(/~1/g, '/').replace(/~0/g, '~');
    node = isObject(node) || Array.isArray(node) ? (node as Record<string, unknown>)[part] : undefined;
  }
  return node;
}

/**
 * Removes the `null`s the model sent for fields that were optional (and not nullable) in `schema`, the
 * schema as written before `toStrictJSONSchema`. Mutates and returns `value`.
 */
export function restoreOptionals(schema: JSONSchema, value: unknown, root: JSONSchema = schema): unknown {
  let node = schema as Schema;
  for (let hops = 0; typeof node['$ref'] === 'string' && hops < 32; hops++) {
    const ref = node['$ref'] as string;
    const target = ref === '#' ? root : resolvePointer(root as Schema, ref);
    if (!isObject(target)) return value;
    node = target;
  }
  if (Array.isArray(node['anyOf']) || Array.isArray(node['oneOf'])) {
    const branches = [...((node['anyOf'] as unknown[]) ?? []), ...((node['oneOf'] as unknown[]) ?? [])];
    const branch = branches.find((b) => isObject(b) && fitsShape(b, value, root as Schema));
    return isObject(branch) ? restoreOptionals(branch, value, root) : value;
  }
  if (Array.isArray(value)) {
    if (isObject(node['items'])) for (const item of value) restoreOptionals(node['items'], item, root);
    return value;
  }
  if (isObject(value) && isObject(node['properties'])) {
    const required = new Set(Array.isArray(node['required']) ? (node['required'] as string[]) : []);
    for (const [name, sub] of Object.entries(node['properties'])) {
      if (!(name in value) || !isObject(sub)) continue;
      if (value[name] === null && !required.has(name) && !allowsNull(sub, root as Schema)) delete value[name];
      else restoreOptionals(sub, value[name], root);
    }
  }
  return value;
}

function allowsNull(schema: Schema, root: Schema): boolean {
  if (typeof schema['$ref'] === 'string') {
    const target = schema['$ref'] === '#' ? root : resolvePointer(root, schema['$ref']);
    return isObject(target) && allowsNull(target, root);
  }
  if (acceptsNull(schema)) return true;
  return Array.isArray(schema['enum']) && schema['enum'].includes(null);
}

/** Whether `value` has the JSON type a branch asks for (enough to pick the branch to walk). */
function fitsShape(schema: Schema, value: unknown, root: Schema): boolean {
  if (typeof schema['$ref'] === 'string') {
    const target = schema['$ref'] === '#' ? root : resolvePointer(root, schema['$ref']);
    return isObject(target) && fitsShape(target, value, root);
  }
  const kind =
    value === null
      ? 'null'
      : Array.isArray(value)
        ? 'array'
        : typeof value === 'object'
          ? 'object'
          : typeof value;
  const type = schema['type'] ?? (isObject(schema['properties']) ? 'object' : undefined);
  if (type === undefined) return true;
  const types = Array.isArray(type) ? type : [type];
  return types.some((t) => t === kind || (t === 'integer' && kind === 'number'));
}
