import type { NormalizeStats } from './types.js';

/** Part of the standalone cache key: bump whenever a rule below changes what a schema means. */
export const NORMALIZE_VERSION = 5; // bump with any rule here or in errata.ts

export interface NormalizeState {
  stats: NormalizeStats;
  formats: Set<string>;
  /** `#/components/schemas/<name>` of the component being walked: the target of `$recursiveRef: "#"`. */
  anchor: string | undefined;
  visited?: WeakSet<object>;
}

/** Keywords that describe but never reject a value; they stay put when a schema is wrapped. */
const ANNOTATIONS = new Set([
  'description',
  'title',
  'default',
  'example',
  'examples',
  'deprecated',
  'readOnly',
  'writeOnly',
  '$comment',
  'nullable',
]);

const isAnnotation = (key: string) => ANNOTATIONS.has(key) || key.startsWith('x-');

/** Where subschemas sit: under each key of a map, as a single schema, or in a list. */
const CHILDREN = new Map<string, 'map' | 'one' | 'list'>(
  Object.entries({
    properties: 'map',
    patternProperties: 'map',
    $defs: 'map',
    definitions: 'map',
    dependentSchemas: 'map',
    items: 'one',
    additionalProperties: 'one',
    not: 'one',
    if: 'one',
    // biome-ignore lint/suspicious/noThenProperty: `then` is the JSON Schema keyword, not a thenable
    then: 'one',
    else: 'one',
    contains: 'one',
    propertyNames: 'one',
    unevaluatedItems: 'one',
    unevaluatedProperties: 'one',
    additionalItems: 'one',
    contentSchema: 'one',
    allOf: 'list',
    anyOf: 'list',
    oneOf: 'list',
    prefixItems: 'list',
  }) as [string, 'map' | 'one' | 'list'][],
);

/**
 * Rewrite one schema and its subschemas in place:
 * - `nullable: true` → `"null"` added to `type` (and to `enum`, or chunks' `finish_reason: null`
 *   fails); without `type` → a `{ type: "null" }` branch, or an `anyOf` wrapper around the rest;
 * - `allOf: [X, { nullable: true }]` → the member is dropped and the whole schema becomes nullable;
 * - boolean `exclusiveMinimum/Maximum` (3.0) → the numeric 2020 form;
 * - `oneOf` → `anyOf`: the document's branches overlap (objects without `required`), the real API
 *   takes the first match, and `anyOf` stops at the first valid branch, which is also faster;
 * - `$recursiveRef: "#"` (2019-09) → a `$ref` to the enclosing component.
 * `discriminator` and `x-*` stay; formats are collected so unknown ones can be registered.
 */
export function normalizeSchema(s: any, state: NormalizeState): void {
  if (s === null || typeof s !== 'object' || Array.isArray(s)) return;
  state.visited ??= new WeakSet();
  const visited = state.visited;
  if (visited.has(s)) return;
  visited.add(s);
  const { stats } = state;

  if (s.$recursiveRef !== undefined && state.anchor !== undefined) {
    s.$ref = state.anchor;
    delete s.$recursiveRef;
    stats.recursiveRefs++;
  }
  delete s.$recursiveAnchor;

  if (Array.isArray(s.oneOf)) {
    if (s.anyOf === undefined) s.anyOf = s.oneOf;
    else s.allOf = [...(s.allOf ?? []), { anyOf: s.oneOf }];
    delete s.oneOf;
    stats.oneOfToAnyOf++;
  }

  if (Array.isArray(s.allOf)) liftNullableMembers(s, stats);
  fixExclusiveBound(s, 'exclusiveMinimum', 'minimum', stats);
  fixExclusiveBound(s, 'exclusiveMaximum', 'maximum', stats);
  if (s.nullable !== undefined) applyNullable(s, stats);
  if (typeof s.format === 'string') state.formats.add(s.format);

  // only the keys present: most schemas carry 2–4 of the 21 places a subschema can sit
  for (const key in s) {
    const kind = CHILDREN.get(key);
    if (kind === undefined) continue;
    const child = s[key];
    if (kind === 'map') {
      if (child && typeof child === 'object') for (const k in child) normalizeSchema(child[k], state);
    } else if (Array.isArray(child)) {
      for (const c of child) normalizeSchema(c, state);
    } else if (kind === 'one') {
      normalizeSchema(child, state);
    }
  }
}

/** `allOf: [{ $ref: X }, { nullable: true }]` is the 3.0 way of saying "X or null". */
function liftNullableMembers(s: any, stats: NormalizeStats): void {
  const kept = s.allOf.filter((member: any) => {
    const nullableOnly =
      member !== null &&
      typeof member === 'object' &&
      member.nullable === true &&
      Object.keys(member).every(isAnnotation);
    if (!nullableOnly) return true;
    if (member.description !== undefined && s.description === undefined) s.description = member.description;
    stats.nullableMembersLifted++;
    return false;
  });
  if (kept.length === s.allOf.length) return;
  if (kept.length === 0) delete s.allOf;
  else s.allOf = kept;
  s.nullable = true;
}

function fixExclusiveBound(
  s: any,
  key: 'exclusiveMinimum' | 'exclusiveMaximum',
  bound: string,
  stats: NormalizeStats,
) {
  if (typeof s[key] !== 'boolean') return;
  if (s[key] && typeof s[bound] === 'number') {
    s[key] = s[bound];
    delete s[bound];
  } else {
    delete s[key];
  }
  stats.exclusiveBounds++;
}

function applyNullable(s: any, stats: NormalizeStats): void {
  const nullable = s.nullable === true;
  delete s.nullable;
  if (!nullable) return;
  stats.nullable++;
  if (s.type !== undefined) {
    const types: unknown[] = Array.isArray(s.type) ? s.type : [s.type];
    if (!types.includes('null')) s.type = [...types, 'null'];
    addNullToValues(s, stats);
    return;
  }
  const rules = Object.keys(s).filter((k) => !isAnnotation(k) && k !== 'discriminator');
  if (rules.length === 0) return; // constrains nothing, so null is already allowed
  if (rules.length === 1 && rules[0] === 'anyOf' && Array.isArray(s.anyOf)) {
    if (!s.anyOf.some(acceptsNullDirectly)) s.anyOf = [...s.anyOf, { type: 'null' }];
    return;
  }
  if (rules.length === 1 && (rules[0] === 'enum' || rules[0] === 'const')) {
    addNullToValues(s, stats);
    return;
  }
  const inner: Record<string, unknown> = {};
  for (const key of [...rules, 'discriminator']) {
    if (s[key] === undefined) continue;
    inner[key] = s[key];
    delete s[key];
  }
  s.anyOf = [inner, { type: 'null' }];
  stats.nullableWrapped++;
}

function addNullToValues(s: any, stats: NormalizeStats): void {
  if (Array.isArray(s.enum) && !s.enum.includes(null)) {
    s.enum = [...s.enum, null];
    stats.nullableEnums++;
  }
  if (s.const !== undefined && s.const !== null) {
    s.enum = [s.const, null];
    delete s.const;
    stats.nullableEnums++;
  }
}

function acceptsNullDirectly(branch: any): boolean {
  if (branch === null || typeof branch !== 'object') return false;
  return branch.type === 'null' || (Array.isArray(branch.type) && branch.type.includes('null'));
}
