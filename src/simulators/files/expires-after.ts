import { OpenAIHttpError } from '../../engine/errors.js';
import type { MultipartBody } from '../../engine/types.js';

const MIN = 3600;
const MAX = 2_592_000;

/**
 * Checks an `expires_after` policy (`{ anchor: 'created_at', seconds }`, 1 hour to 30 days) and returns the
 * seconds, or undefined when none was given. `param` names the field in error messages.
 */
export function readExpiresAfter(value: unknown, param: string): number | undefined {
  if (value === undefined || value === null) return undefined;
  if (typeof value !== 'object' || Array.isArray(value))
    throw new OpenAIHttpError(
      400,
      `Invalid type for '${param}': expected an object, but got ${typeName(value)} instead.`,
      { param, code: 'invalid_type' },
    );
  const { anchor, seconds } = value as { anchor?: unknown; seconds?: unknown };
  if (anchor === undefined) throw missing(`${param}.anchor`);
  if (anchor !== 'created_at')
    throw new OpenAIHttpError(
      400,
      `Invalid value: '${String(anchor)}'. Supported values are: 'created_at'.`,
      { param: `${param}.anchor`, code: 'invalid_value' },
    );
  if (seconds === undefined) throw missing(`${param}.seconds`);
  const n = typeof seconds === 'string' && seconds.trim() !== '' ? Number(seconds) : seconds;
  if (typeof n !== 'number' || !Number.isInteger(n))
    throw new OpenAIHttpError(
      400,
      `Invalid type for '${param}.seconds': expected an integer, but got ${typeName(seconds)} instead.`,
      { param: `${param}.seconds`, code: 'invalid_type' },
    );
  if (n < MIN)
    throw new OpenAIHttpError(
      400,
      `Invalid '${param}.seconds': integer below minimum value. Expected a value >= ${MIN}, but got ${n} instead.`,
      { param: `${param}.seconds`, code: 'integer_below_min_value' },
    );
  if (n > MAX)
    throw new OpenAIHttpError(
      400,
      `Invalid '${param}.seconds': integer above maximum value. Expected a value <= ${MAX}, but got ${n} instead.`,
      { param: `${param}.seconds`, code: 'integer_above_max_value' },
    );
  return n;
}

/** `expires_after[anchor]` / `expires_after[seconds]` as the SDKs send them in a form, or a JSON text field. */
export function formExpiresAfter(body: MultipartBody, param: string): unknown {
  const whole = last(body.fields[param]);
  if (whole !== undefined) {
    try {
      return JSON.parse(whole);
    } catch {
      return whole;
    }
  }
  const anchor = last(body.fields[`${param}[anchor]`]);
  const seconds = last(body.fields[`${param}[seconds]`]);
  if (anchor === undefined && seconds === undefined) return undefined;
  return { ...(anchor !== undefined && { anchor }), ...(seconds !== undefined && { seconds }) };
}

export const last = (v: string | string[] | undefined) => (Array.isArray(v) ? v[v.length - 1] : v);

const missing = (param: string) =>
  new OpenAIHttpError(400, `Missing required parameter: '${param}'.`, {
    param,
    code: 'missing_required_parameter',
  });

function typeName(v: unknown): string {
  if (v === null) return 'null';
  if (Array.isArray(v)) return 'an array';
  return typeof v === 'object' ? 'an object' : `a ${typeof v}`;
}
