import { chatErrors } from './errors.js';

type Schema = Record<string, unknown>;

const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);

/** Structured Outputs' documented size limits for a strict schema. */
export const STRICT_LIMITS = { nesting: 10, properties: 5000, enumValues: 1000 } as const;

interface Totals {
  properties: number;
  enumValues: number;
}

/**
 * Structured Outputs' rules for a strict schema, which the real API enforces before generating: every
 * object lists all its properties as required and sets `additionalProperties: false`; a response format's
 * root is an object; objects nest at most 10 levels, with at most 5000 properties and 1000 enum values in
 * all. `where` is `response_format 'name'` or `function 'name'`. The walk stops at the nesting limit, so
 * its work is bounded by the schema's size.
 */
export function checkStrictSchema(schema: unknown, where: string, rootMustBeObject: boolean): void {
  if (!isObj(schema)) throw chatErrors.invalidSchema(where, '', 'the schema must be a JSON Schema object.');
  if (rootMustBeObject && schema['type'] !== 'object' && !schema['$ref'] && !schema['anyOf']) {
    const got = JSON.stringify(schema['type'] ?? 'None');
    throw chatErrors.invalidSchema(
      where,
      '',
      `schema must be a JSON Schema of 'type: "object"', got 'type: ${got}'.`,
    );
  }
  const totals: Totals = { properties: 0, enumValues: 0 };
  walk(schema, [], where, 0, totals);
  if (totals.properties > STRICT_LIMITS.properties)
    throw chatErrors.schemaLimit(
      where,
      `${totals.properties} total object properties exceeds limit of ${STRICT_LIMITS.properties}.`,
    );
  if (totals.enumValues > STRICT_LIMITS.enumValues)
    throw chatErrors.schemaLimit(
      where,
      `${totals.enumValues} total enum values exceeds limit of ${STRICT_LIMITS.enumValues}.`,
    );
}

function walk(schema: unknown, path: string[], where: string, nesting: number, totals: Totals): void {
  if (!isObj(schema)) return;
  const isObject =
    schema['type'] === 'object' ||
    (Array.isArray(schema['type']) && schema['type'].includes('object')) ||
    isObj(schema['properties']);
  if (isObject) {
    nesting += 1;
    // The real API words it as "6 levels of nesting exceeds limit of 5" (the limit has since been raised).
    if (nesting > STRICT_LIMITS.nesting)
      throw chatErrors.schemaLimit(
        where,
        `${nesting} levels of nesting exceeds limit of ${STRICT_LIMITS.nesting}.`,
      );
    if (schema['additionalProperties'] !== false)
      throw chatErrors.invalidSchema(
        where,
        tuple(path),
        "'additionalProperties' is required to be supplied and to be false.",
      );
    const props = isObj(schema['properties']) ? Object.keys(schema['properties']) : [];
    totals.properties += props.length;
    const required = Array.isArray(schema['required']) ? schema['required'] : [];
    const missing = props.find((p) => !required.includes(p));
    if (missing !== undefined)
      throw chatErrors.invalidSchema(
        where,
        tuple(path),
        `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`,
      );
  }
  if (Array.isArray(schema['enum'])) totals.enumValues += schema['enum'].length;
  for (const key of ['properties', '$defs', 'definitions'] as const) {
    const members = schema[key];
    // Definitions start their own nesting count: they are measured where they are used.
    if (isObj(members))
      for (const [name, sub] of Object.entries(members))
        walk(sub, [...path, key, name], where, key === 'properties' ? nesting : 0, totals);
  }
  if (schema['items'] !== undefined) walk(schema['items'], [...path, 'items'], where, nesting, totals);
  for (const key of ['anyOf', 'allOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list))
      for (const [i, sub] of list.entries()) walk(sub, [...path, key, String(i)], where, nesting, totals);
  }
}

/** The API prints the path as a Python tuple: `()`, `('properties',)`, `('properties', 'address')`. */
function tuple(path: string[]): string {
  if (path.length === 0) return '';
  const parts = path.map((p) => `'${p}'`);
  return parts.length === 1 ? `${parts[0]},` : parts.join(', ');
}
