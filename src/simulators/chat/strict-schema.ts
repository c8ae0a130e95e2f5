import { chatErrors } from './errors.js';

type Schema = Record<string, unknown>;

const isObj = (v: unknown): v is Schema => !!v && typeof v === 'object' && !Array.isArray(v);

/**
 * Structured Outputs' rules for a strict schema, which the real API enforces before generating: every
 * object lists all its properties as required and sets `additionalProperties: false`; a response format's
 * root is an object. `where` is `response_format 'name'` or `function 'name'`.
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
  walk(schema, [], where);
}

function walk(schema: unknown, path: string[], where: string): void {
  if (!isObj(schema)) return;
  const isObject =
    schema['type'] === 'object' ||
    (Array.isArray(schema['type']) && schema['type'].includes('object')) ||
    isObj(schema['properties']);
  if (isObject) {
    if (schema['additionalProperties'] !== false)
      throw chatErrors.invalidSchema(
        where,
        tuple(path),
        "'additionalProperties' is required to be supplied and to be false.",
      );
    const props = isObj(schema['properties']) ? Object.keys(schema['properties']) : [];
    const required = Array.isArray(schema['required']) ? schema['required'] : [];
    const missing = props.find((p) => !required.includes(p));
    if (missing !== undefined)
      throw chatErrors.invalidSchema(
        where,
        tuple(path),
        `'required' is required to be supplied and to be an array including every key in properties. Missing '${missing}'.`,
      );
  }
  for (const key of ['properties', '$defs', 'definitions'] as const) {
    const members = schema[key];
    if (isObj(members))
      for (const [name, sub] of Object.entries(members)) walk(sub, [...path, key, name], where);
  }
  if (schema['items'] !== undefined) walk(schema['items'], [...path, 'items'], where);
  for (const key of ['anyOf', 'allOf'] as const) {
    const list = schema[key];
    if (Array.isArray(list))
      for (const [i, sub] of list.entries()) walk(sub, [...path, key, String(i)], where);
  }
}

/** The API prints the path as a Python tuple: `()`, `('properties',)`, `('properties', 'address')`. */
function tuple(path: string[]): string {
  if (path.length === 0) return '';
  const parts = path.map((p) => `'${p}'`);
  return parts.length === 1 ? `${parts[0]},` : parts.join(', ');
}
