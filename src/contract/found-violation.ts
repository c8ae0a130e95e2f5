import type { JsonType } from './schema-shapes.js';

/** A violation before it is told where it happened (`in`); `path` is the segment list of the pointer. */
export interface Found {
  path: (string | number)[];
  keyword: string;
  message: string;
  params: Record<string, unknown>;
}

export const quote = (v: unknown): string => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));

const TYPE_ORDER: JsonType[] = ['string', 'number', 'integer', 'boolean', 'object', 'array', 'null'];

export function typeViolation(path: Found['path'], expected: Iterable<string>, actual: JsonType): Found {
  const list = TYPE_ORDER.filter((t) => [...expected].includes(t));
  // `number` already admits integers; saying both reads oddly
  const shown = list.includes('number') ? list.filter((t) => t !== 'integer') : list;
  return {
    path,
    keyword: 'type',
    message: `must be ${shown.join(' or ')}, got ${actual}`,
    params: { expected: shown, actual },
  };
}

export function enumViolation(path: Found['path'], allowed: readonly unknown[], actual: unknown): Found {
  const values = [...new Set(allowed)];
  return {
    path,
    keyword: 'enum',
    message: `must be one of ${values.map(quote).join(', ')}, got ${quote(actual)}`,
    params: { allowedValues: values, actual },
  };
}

export function requiredViolation(path: Found['path'], name: string): Found {
  return {
    path: [...path, name],
    keyword: 'required',
    message: `missing required property '${name}'`,
    params: { missingProperty: name },
  };
}

export function boundViolation(
  path: Found['path'],
  keyword: string,
  limit: number,
  actual: number,
  integer: boolean,
): Found {
  const op =
    { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[keyword] ?? keyword;
  return {
    path,
    keyword,
    message: `must be ${op} ${limit}, got ${actual}`,
    params: { limit, actual, integer },
  };
}

export function lengthViolation(path: Found['path'], keyword: string, limit: number, actual: number): Found {
  const what = keyword.endsWith('Items')
    ? 'items'
    : keyword.endsWith('Properties')
      ? 'properties'
      : 'characters';
  const side = keyword.startsWith('max') ? 'at most' : 'at least';
  return {
    path,
    keyword,
    message: `must have ${side} ${limit} ${what}, got ${actual}`,
    params: { limit, actual },
  };
}

export function simpleViolation(
  path: Found['path'],
  keyword: string,
  message: string,
  params: Record<string, unknown> = {},
): Found {
  return { path, keyword, message, params };
}

/** Unicode code points, as AJV counts `minLength`/`maxLength`. */
export function stringLength(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    n++;
    const c = s.charCodeAt(i);
    if (c >= 0xd800 && c <= 0xdbff && i + 1 < s.length) i++;
  }
  return n;
}

export function deepEqual(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
