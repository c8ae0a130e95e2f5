import { isMultipart } from '../../engine/body.js';
import { matchesSchema } from '../../fixtures/index.js';

type Json = Record<string, unknown>;
type Resolve = (ref: string) => unknown;

const deref = (value: any, resolve: Resolve): any => {
  for (let i = 0; i < 16 && value && typeof value.$ref === 'string'; i++) value = resolve(value.$ref);
  return value;
};

/** The properties an object schema declares, through `$ref`s and `allOf`; undefined for unions. */
export function objectProperties(schema: unknown, resolve: Resolve): Record<string, unknown> | undefined {
  const s = deref(schema, resolve);
  if (!s || typeof s !== 'object') return undefined;
  const out: Record<string, unknown> = { ...(s.properties ?? {}) };
  for (const part of Array.isArray(s.allOf) ? s.allOf : [])
    Object.assign(out, objectProperties(part, resolve));
  return Object.keys(out).length ? out : undefined;
}

/** The request's fields as a plain object: a JSON body, or a multipart body's text fields. */
export function bodyFields(body: unknown): Json {
  if (isMultipart(body)) {
    const out: Json = {};
    for (const [k, v] of Object.entries(body.fields)) out[k] = Array.isArray(v) ? v[v.length - 1] : v;
    return out;
  }
  return body && typeof body === 'object' && !Array.isArray(body) ? (body as Json) : {};
}

/**
 * Copies each request field into `target` where the object's schema has a property of that name that the
 * value is valid for: `name`, `metadata`, `instructions`, `model`, `tools`, `expires_after`, … A field the
 * response types differently (a request's `chunking_strategy: {type: "auto"}` against the stored `static`
 * one) keeps the generated value. Returns the names copied.
 */
export function carryOver(target: Json, fields: Json, schema: unknown, resolve: Resolve): string[] {
  const props = objectProperties(schema, resolve);
  if (!props) return [];
  const copied: string[] = [];
  for (const [name, value] of Object.entries(fields)) {
    if (value === undefined || !Object.hasOwn(props, name)) continue;
    if (!matchesSchema(value, props[name], resolve)) continue;
    target[name] = structuredClone(value);
    copied.push(name);
  }
  return copied;
}

/** Counters with a `total` add up: `file_counts.total` is the sum of its parts, however they were drawn. */
export function sumTotals(value: unknown, depth = 0): void {
  if (!value || typeof value !== 'object' || depth > 6) return;
  if (Array.isArray(value)) {
    for (const v of value) sumTotals(v, depth + 1);
    return;
  }
  const record = value as Json;
  if (typeof record['total'] === 'number') {
    const parts = Object.entries(record).filter(([k, v]) => k !== 'total' && typeof v === 'number');
    if (parts.length) record['total'] = parts.reduce((sum, [, v]) => sum + (v as number), 0);
  }
  for (const v of Object.values(record)) sumTotals(v, depth + 1);
}
