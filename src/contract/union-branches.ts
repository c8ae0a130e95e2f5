import { deepEqual, enumViolation, type Found, requiredViolation, typeViolation } from './found-violation.js';
import { isPlainObject, type JsonType, jsonType, type SchemaShapes, typeAllowed } from './schema-shapes.js';

const discriminatorsByUnion = new WeakMap<object, string[]>();

/**
 * Which branches of a failed `anyOf` the value meant, or the one violation that settles it:
 * 1. branches whose types fit the value (none → "must be string or array, got integer");
 * 2. for objects, branches whose pinned property (`discriminator.propertyName`, else any property
 *    that two or more branches pin with `const`/`enum`, like `type` or `role`) admits the value's
 *    (none → "type must be one of …"; absent but required by all → "missing 'type'").
 */
export function chooseBranches(
  shapes: SchemaShapes,
  union: any,
  branches: any[],
  data: unknown,
  path: Found['path'],
): { branches: any[] } | { violation: Found } {
  const actual = jsonType(data);
  let candidates = branches.filter((b) => typeAllowed(shapes.acceptedTypes(b), actual));
  if (candidates.length === 0) {
    const expected = new Set<JsonType>();
    for (const b of branches) for (const t of shapes.acceptedTypes(b)) expected.add(t);
    return { violation: typeViolation(path, expected, actual) };
  }
  if (!isPlainObject(data) || candidates.length === 1) return { branches: candidates };

  for (const name of discriminators(shapes, union, branches)) {
    const allowed = candidates.map((c) => shapes.allowedValues(c, name));
    if (allowed.filter((a) => a !== undefined).length === 0) continue;
    const value = data[name];
    if (value === undefined) {
      if (candidates.every((c) => shapes.requires(c, name)))
        return { violation: requiredViolation(path, name) };
      continue;
    }
    const keep = candidates.filter(
      (_, i) => allowed[i] === undefined || allowed[i]!.some((v) => deepEqual(v, value)),
    );
    if (keep.length === 0) {
      const values = allowed.flatMap((a) => a ?? []).filter((v) => v !== null);
      return { violation: enumViolation([...path, name], values, value) };
    }
    candidates = keep;
    if (candidates.length === 1) break;
  }
  return { branches: candidates };
}

/** Property names that tell the branches apart, the declared discriminator first. Memoized per union. */
function discriminators(shapes: SchemaShapes, union: any, branches: any[]): string[] {
  const cached = discriminatorsByUnion.get(branches);
  if (cached) return cached;
  const counts = new Map<string, number>();
  for (const branch of branches) {
    for (const name of propertyNames(shapes, branch)) {
      if (shapes.allowedValues(branch, name) !== undefined) counts.set(name, (counts.get(name) ?? 0) + 1);
    }
  }
  const names = [...counts].filter(([, n]) => n >= 2).map(([name]) => name);
  const declared = union?.discriminator?.propertyName;
  const result = typeof declared === 'string' ? [declared, ...names.filter((n) => n !== declared)] : names;
  discriminatorsByUnion.set(branches, result);
  return result;
}

function propertyNames(shapes: SchemaShapes, schema: any, depth = 0): string[] {
  const s = shapes.deref(schema);
  if (!s || typeof s !== 'object' || depth > 8) return [];
  const own = s.properties && typeof s.properties === 'object' ? Object.keys(s.properties) : [];
  const inherited = Array.isArray(s.allOf)
    ? s.allOf.flatMap((p: any) => propertyNames(shapes, p, depth + 1))
    : [];
  return [...own, ...inherited];
}

/**
 * Several branches were plausible: when each only disliked the same scalar, merge their allowed values
 * into one enum violation; otherwise keep the branch whose failure sits deepest (it matched the most).
 */
export function pickMostSpecific(tries: Found[][]): Found[] {
  const lone = tries.every(
    (t) => t.length === 1 && t[0]!.keyword === 'enum' && t[0]!.path.length === tries[0]![0]!.path.length,
  );
  if (lone && tries.length > 1) {
    const allowed = tries.flatMap((t) => (t[0]!.params['allowedValues'] as unknown[]) ?? []);
    const first = tries[0]![0]!;
    return [enumViolation(first.path, allowed, first.params['actual'])];
  }
  const depth = (t: Found[]) => Math.max(...t.map((f) => f.path.length));
  let best = tries[0]!;
  for (const t of tries.slice(1)) {
    if (depth(t) > depth(best) || (depth(t) === depth(best) && t.length < best.length)) best = t;
  }
  return best;
}
