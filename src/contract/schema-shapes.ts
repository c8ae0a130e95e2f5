import { getAtPointer } from './json-pointer.js';

export type JsonType = 'null' | 'boolean' | 'string' | 'integer' | 'number' | 'array' | 'object';

const ALL_TYPES: readonly JsonType[] = ['null', 'boolean', 'string', 'integer', 'number', 'array', 'object'];

/** The JSON type of a value; integers are told apart from other numbers. */
export function jsonType(value: unknown): JsonType {
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'array';
  const t = typeof value;
  if (t === 'number') return Number.isInteger(value) ? 'integer' : 'number';
  if (t === 'string' || t === 'boolean') return t;
  if (value instanceof Uint8Array) return 'string'; // bytes stand in for `format: binary` strings
  return 'object';
}

/** Does a value of type `actual` satisfy a `type` keyword listing `allowed`? */
export function typeAllowed(allowed: Iterable<string>, actual: JsonType): boolean {
  for (const t of allowed) {
    if (t === actual || (t === 'number' && actual === 'integer')) return true;
  }
  return false;
}

export function isPlainObject(value: unknown): value is Record<string, unknown> {
  return (
    value !== null && typeof value === 'object' && !Array.isArray(value) && !(value instanceof Uint8Array)
  );
}

/**
 * Structural questions about the document's schemas (which types does a schema accept, which values
 * does it allow for a property), answered through `$ref`s and combinators, and memoized.
 */
export class SchemaShapes {
  readonly #doc: any;
  readonly #refs = new Map<string, any>();
  readonly #types = new WeakMap<object, ReadonlySet<JsonType>>();

  constructor(doc: any) {
    this.#doc = doc;
  }

  /** `#/components/schemas/X` → the schema object, or undefined. */
  resolve(ref: string): any {
    let hit = this.#refs.get(ref);
    if (hit === undefined && !this.#refs.has(ref)) {
      hit = ref.startsWith('#') ? getAtPointer(this.#doc, ref) : undefined;
      this.#refs.set(ref, hit);
    }
    return hit;
  }

  /** Follow `$ref` chains to the schema that carries the keywords. */
  deref(schema: any): any {
    for (let hops = 0; hops < 20 && schema && typeof schema.$ref === 'string'; hops++) {
      const sibling = Object.keys(schema).some((k) => k !== '$ref' && !isAnnotationKey(k));
      if (sibling) return schema; // `$ref` beside other rules: the caller must apply both
      schema = this.resolve(schema.$ref);
    }
    return schema;
  }

  /** The JSON types a schema can accept (all of them when it says nothing about types). */
  acceptedTypes(schema: any, seen: Set<object> = new Set()): ReadonlySet<JsonType> {
    if (schema === true || schema === undefined || schema === null || typeof schema !== 'object') {
      return new Set(schema === false ? [] : ALL_TYPES);
    }
    const cached = this.#types.get(schema);
    if (cached) return cached;
    if (seen.has(schema)) return new Set(ALL_TYPES); // recursive: assume anything, stay finite
    seen.add(schema);
    let types = new Set<JsonType>(ALL_TYPES);
    const narrow = (other: ReadonlySet<JsonType>) => {
      types = new Set([...types].filter((t) => other.has(t) || (t === 'integer' && other.has('number'))));
    };
    if (schema.type !== undefined) narrow(expand(Array.isArray(schema.type) ? schema.type : [schema.type]));
    if (schema.const !== undefined) narrow(expand([jsonType(schema.const)]));
    if (Array.isArray(schema.enum)) narrow(expand(schema.enum.map(jsonType)));
    if (typeof schema.$ref === 'string') narrow(this.acceptedTypes(this.resolve(schema.$ref), seen));
    for (const key of ['anyOf', 'oneOf'] as const) {
      if (!Array.isArray(schema[key])) continue;
      const union = new Set<JsonType>();
      for (const branch of schema[key]) for (const t of this.acceptedTypes(branch, seen)) union.add(t);
      narrow(union);
    }
    if (Array.isArray(schema.allOf)) for (const part of schema.allOf) narrow(this.acceptedTypes(part, seen));
    seen.delete(schema);
    this.#types.set(schema, types);
    return types;
  }

  /**
   * Values a schema allows for property `name` when it pins them down (`const` or `enum`), through
   * refs and `allOf`; undefined when the property is free or absent. Used to tell union branches apart.
   */
  allowedValues(schema: any, name: string, depth = 0): unknown[] | undefined {
    const s = this.deref(schema);
    if (!s || typeof s !== 'object' || depth > 8) return undefined;
    const prop = s.properties?.[name];
    if (prop !== undefined) {
      const p = this.deref(prop);
      if (p?.const !== undefined) return [p.const];
      if (Array.isArray(p?.enum)) return p.enum;
    }
    if (Array.isArray(s.allOf)) {
      for (const part of s.allOf) {
        const found = this.allowedValues(part, name, depth + 1);
        if (found) return found;
      }
    }
    return undefined;
  }

  /** Is `name` listed in `required` of the schema (through refs and `allOf`)? */
  requires(schema: any, name: string, depth = 0): boolean {
    const s = this.deref(schema);
    if (!s || typeof s !== 'object' || depth > 8) return false;
    if (Array.isArray(s.required) && s.required.includes(name)) return true;
    return Array.isArray(s.allOf) && s.allOf.some((part: any) => this.requires(part, name, depth + 1));
  }
}

/** A `number` type also admits integers. */
function expand(types: readonly string[]): Set<JsonType> {
  const out = new Set(types as JsonType[]);
  if (out.has('number')) out.add('integer');
  return out;
}

export function isAnnotationKey(key: string): boolean {
  return (
    key === 'description' ||
    key === 'title' ||
    key === 'default' ||
    key === 'example' ||
    key === 'examples' ||
    key === 'deprecated' ||
    key === 'readOnly' ||
    key === 'writeOnly' ||
    key === '$comment' ||
    key === 'discriminator' ||
    key.startsWith('x-')
  );
}
