import { OpenAIHttpError } from '../../engine/errors.js';

/**
 * Field checks for JSON bodies, worded as the request validator words them, so a server running without
 * the OpenAPI document answers the same 400s as one with it.
 */
export function objectBody(body: unknown): Record<string, unknown> {
  if (!body || typeof body !== 'object' || Array.isArray(body))
    throw new OpenAIHttpError(
      400,
      `Invalid type for 'request body': expected an object, but got ${kind(body)} instead.`,
      { code: 'invalid_type' },
    );
  return body as Record<string, unknown>;
}

export function requiredString(body: Record<string, unknown>, name: string): string {
  const v = body[name];
  if (v === undefined)
    throw new OpenAIHttpError(400, `Missing required parameter: '${name}'.`, {
      param: name,
      code: 'missing_required_parameter',
    });
  if (typeof v !== 'string') throw invalidType(name, 'a string', v);
  return v;
}

export function optionalString(body: Record<string, unknown>, name: string): string | undefined {
  const v = body[name];
  if (v === undefined) return undefined;
  if (typeof v !== 'string') throw invalidType(name, 'a string', v);
  return v;
}

export function requiredInteger(body: Record<string, unknown>, name: string, min = 0): number {
  const v = body[name];
  if (v === undefined)
    throw new OpenAIHttpError(400, `Missing required parameter: '${name}'.`, {
      param: name,
      code: 'missing_required_parameter',
    });
  if (typeof v !== 'number' || !Number.isInteger(v)) throw invalidType(name, 'an integer', v);
  if (v < min)
    throw new OpenAIHttpError(
      400,
      `Invalid '${name}': integer below minimum value. Expected a value >= ${min}, but got ${v} instead.`,
      { param: name, code: 'integer_below_min_value' },
    );
  return v;
}

export function oneOf<T extends string>(name: string, value: string, allowed: readonly T[]): T {
  if (!(allowed as readonly string[]).includes(value))
    throw new OpenAIHttpError(
      400,
      `Invalid value: '${value}'. Supported values are: ${allowed.map((a) => `'${a}'`).join(', ')}.`,
      { param: name, code: 'invalid_value' },
    );
  return value as T;
}

/** `metadata`: up to 16 string pairs, keys ≤ 64 and values ≤ 512 characters; null clears it. */
export function readMetadata(value: unknown): Record<string, string> | null {
  if (value === undefined || value === null) return null;
  if (typeof value !== 'object' || Array.isArray(value)) throw invalidType('metadata', 'an object', value);
  const entries = Object.entries(value as Record<string, unknown>);
  if (entries.length > 16)
    throw new OpenAIHttpError(
      400,
      `Invalid 'metadata': too many properties. Expected an object with at most 16 properties, but got an object with ${entries.length} properties instead.`,
      { param: 'metadata', code: 'object_above_max_properties' },
    );
  for (const [k, v] of entries) {
    if (typeof v !== 'string') throw invalidType(`metadata.${k}`, 'a string', v);
    if (k.length > 64)
      throw new OpenAIHttpError(
        400,
        `Invalid 'metadata': key '${k.slice(0, 20)}…' is longer than 64 characters.`,
        { param: 'metadata', code: 'invalid_value' },
      );
    if (v.length > 512)
      throw new OpenAIHttpError(
        400,
        `Invalid 'metadata.${k}': string too long. Expected a string with maximum length 512, but got a string with length ${v.length} instead.`,
        { param: `metadata.${k}`, code: 'string_above_max_length' },
      );
  }
  return value as Record<string, string>;
}

function invalidType(name: string, expected: string, v: unknown) {
  return new OpenAIHttpError(
    400,
    `Invalid type for '${name}': expected ${expected}, but got ${kind(v)} instead.`,
    { param: name, code: 'invalid_type' },
  );
}

function kind(v: unknown): string {
  if (v === null) return 'null';
  if (v === undefined) return 'nothing';
  if (Array.isArray(v)) return 'an array';
  if (typeof v === 'object') return 'an object';
  if (typeof v === 'number') return Number.isInteger(v) ? 'an integer' : 'a number';
  return `a ${typeof v}`;
}
