// A small JSON Schema checker for the subset Structured Outputs accepts (type, properties, required,
// additionalProperties, items, enum, const, anyOf, $ref into $defs, and the common string / number / array
// bounds). The client must not pull in AJV (the server's validator), and the model's output is already
// constrained by the schema, so this is a guard against surprises, not a full validator. Keywords outside
// the subset are ignored.

import type { JSONSchema } from './types/shared.js';

export interface SchemaIssue {
  /** JSON pointer of the offending value, '' for the root. */
  path: string;
  message: string;
}

export function checkJSONSchema(schema: JSONSchema, value: unknown): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  visit(schema, value, '', schema, issues);
  return issues;
}

function visit(
  schema: JSONSchema,
  value: unknown,
  path: string,
  root: JSONSchema,
  issues: SchemaIssue[],
): void {
  const ref = schema['$ref'];
  if (typeof ref === 'string') {
    const target = resolve(root, ref);
    if (!target) issues.push({ path, message: `unresolvable $ref ${ref}` });
    else visit(target, value, path, root, issues);
    return;
  }
  const anyOf = schema['anyOf'] ?? schema['oneOf'];
  if (Array.isArray(anyOf)) {
    const matches = anyOf.some((option) => checkSub(option as JSONSchema, value, path, root).length === 0);
    if (!matches) issues.push({ path, message: 'matches none of the anyOf alternatives' });
  }
  if (Array.isArray(schema['allOf']))
    for (const part of schema['allOf']) visit(part as JSONSchema, value, path, root, issues);

  const type = schema['type'];
  if (type !== undefined) {
    const types = Array.isArray(type) ? (type as string[]) : [type as string];
    if (!types.some((t) => hasType(value, t))) {
      issues.push({ path, message: `expected ${types.join(' or ')}, got ${describe(value)}` });
      return;
    }
  }
  if (Array.isArray(schema['enum']) && !schema['enum'].some((option) => deepEqual(option, value))) {
    issues.push({ path, message: `must be one of ${JSON.stringify(schema['enum'])}` });
  }
  if ('const' in schema && !deepEqual(schema['const'], value)) {
    issues.push({ path, message: `must equal ${JSON.stringify(schema['const'])}` });
  }
  if (typeof value === 'string') checkString(schema, value, path, issues);
  if (typeof value === 'number') checkNumber(schema, value, path, issues);
  if (Array.isArray(value)) {
    bound(issues, path, value.length, schema['minItems'], schema['maxItems'], 'items');
    const items = schema['items'];
    if (typeof items === 'object' && items !== null) {
      for (const [i, item] of value.entries()) visit(items as JSONSchema, item, `${path}/${i}`, root, issues);
    }
  } else if (typeof value === 'object' && value !== null) {
    checkObject(schema, value as Record<string, unknown>, path, root, issues);
  }
}

function checkObject(
  schema: JSONSchema,
  value: Record<string, unknown>,
  path: string,
  root: JSONSchema,
  issues: SchemaIssue[],
): void {
  const properties = (schema['properties'] ?? {}) as Record<string, JSONSchema>;
  for (const key of (schema['required'] ?? []) as string[]) {
    if (!(key in value)) issues.push({ path, message: `missing required property "${key}"` });
  }
  const extra = schema['additionalProperties'];
  for (const [key, inner] of Object.entries(value)) {
    const child = `${path}/${key.replace(/~/g, '~0').replace(/\//g, '~1')}`;
    if (properties[key]) visit(properties[key], inner, child, root, issues);
    else if (extra === false) issues.push({ path: child, message: `property "${key}" is not allowed` });
    else if (typeof extra === 'object' && extra !== null)
      visit(extra as JSONSchema, inner, child, root, issues);
  }
}

function checkString(schema: JSONSchema, value: string, path: string, issues: SchemaIssue[]): void {
  bound(issues, path, [...value].length, schema['minLength'], schema['maxLength'], 'characters');
  const pattern = schema['pattern'];
  if (typeof pattern === 'string' && !new RegExp(pattern, 'u').test(value)) {
    issues.push({ path, message: `does not match pattern ${pattern}` });
  }
}

function checkNumber(schema: JSONSchema, value: number, path: string, issues: SchemaIssue[]): void {
  const { minimum, maximum, exclusiveMinimum, exclusiveMaximum, multipleOf } = schema as Record<
    string,
    unknown
  >;
  if (typeof minimum === 'number' && value < minimum) issues.push({ path, message: `must be >= ${minimum}` });
  if (typeof maximum === 'number' && value > maximum) issues.push({ path, message: `must be <= ${maximum}` });
  if (typeof exclusiveMinimum === 'number' && value <= exclusiveMinimum)
    issues.push({ path, message: `must be > ${exclusiveMinimum}` });
  if (typeof exclusiveMaximum === 'number' && value >= exclusiveMaximum)
    issues.push({ path, message: `must be < ${exclusiveMaximum}` });
  if (typeof multipleOf === 'number' && multipleOf > 0 && !Number.isInteger(value / multipleOf)) {
    issues.push({ path, message: `must be a multiple of ${multipleOf}` });
  }
}

function bound(
  issues: SchemaIssue[],
  path: string,
  size: number,
  min: unknown,
  max: unknown,
  unit: string,
): void {
  if (typeof min === 'number' && size < min)
    issues.push({ path, message: `must have at least ${min} ${unit}` });
  if (typeof max === 'number' && size > max)
    issues.push({ path, message: `must have at most ${max} ${unit}` });
}

function checkSub(schema: JSONSchema, value: unknown, path: string, root: JSONSchema): SchemaIssue[] {
  const issues: SchemaIssue[] = [];
  visit(schema, value, path, root, issues);
  return issues;
}

function resolve(root: JSONSchema, ref: string): JSONSchema | undefined {
  if (ref === '#') return root;
  if (!ref.startsWith('#/')) return undefined;
  let node: unknown = root;
  for (const raw of ref.slice(2).split('/')) {
    const key = decodeURIComponent(raw).replace(/~1/g, '/').replace(/~0/g, '~');
    node = typeof node === 'object' && node !== null ? (node as Record<string, unknown>)[key] : undefined;
  }
  return typeof node === 'object' && node !== null ? (node as JSONSchema) : undefined;
}

function hasType(value: unknown, type: string): boolean {
  switch (type) {
    case 'null':
      return value === null;
    case 'array':
      return Array.isArray(value);
    case 'object':
      return typeof value === 'object' && value !== null && !Array.isArray(value);
    case 'integer':
      return Number.isInteger(value);
    case 'number':
      return typeof value === 'number' && Number.isFinite(value);
    default:
      return typeof value === type;
  }
}

function describe(value: unknown): string {
  if (value === null) return 'null';
  return Array.isArray(value) ? 'array' : typeof value;
}

function deepEqual(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
