import { fromPointer } from './json-pointer.js';
import type { OpenAIErrorResponse, Violation } from './types.js';

type ErrorFields = OpenAIErrorResponse['body']['error'];

/**
 * A violation as the real API's 400 body: its message style, `param` in the API's notation
 * (`messages[0].role`) and its codes (`missing_required_parameter`, `invalid_type`, `invalid_value`,
 * `decimal_above_max_value`, …). Violations arrive best-first, so the first one speaks.
 */
export function toOpenAIError(violations: Violation[]): OpenAIErrorResponse {
  const v = violations[0];
  const error: ErrorFields = v
    ? describe(v)
    : { message: 'Invalid request.', type: 'invalid_request_error', param: null, code: null };
  return { status: 400, body: { error } };
}

/** `/messages/0/role` → `messages[0].role`; the root → null. */
export function apiParam(pointer: string): string | null {
  let out = '';
  for (const seg of fromPointer(pointer)) out += /^\d+$/.test(seg) ? `[${seg}]` : out ? `.${seg}` : seg;
  return out === '' ? null : out;
}

function describe(v: Violation): ErrorFields {
  const param = apiParam(v.pointer);
  const name = param ?? 'request body';
  const p = v.params ?? {};
  const err = (message: string, code: string | null, withParam: string | null = param): ErrorFields => ({
    message,
    type: 'invalid_request_error',
    param: withParam,
    code,
  });
  switch (v.keyword) {
    case 'required':
      return err(`Missing required parameter: '${name}'.`, 'missing_required_parameter');
    case 'type': {
      const expected = ((p['expected'] as string[] | undefined) ?? []).filter((t) => t !== 'null');
      const got = typeName(String(p['actual']));
      return err(
        `Invalid type for '${name}': expected ${oneOf(expected.map(typeName))}, but got ${got} instead.`,
        'invalid_type',
      );
    }
    case 'enum':
    case 'const': {
      const allowed = ((p['allowedValues'] as unknown[] | undefined) ?? []).filter((x) => x !== null);
      return err(
        `Invalid value: ${render(p['actual'])}. Supported values are: ${allowed.map(render).join(', ')}.`,
        'invalid_value',
      );
    }
    case 'additionalProperties':
      return err(`Unrecognized request argument supplied: ${name}`, null, null);
    case 'minimum':
    case 'maximum':
    case 'exclusiveMinimum':
    case 'exclusiveMaximum': {
      const kind = p['integer'] ? 'integer' : 'decimal';
      const above = v.keyword.endsWith('aximum');
      const op = { minimum: '>=', maximum: '<=', exclusiveMinimum: '>', exclusiveMaximum: '<' }[v.keyword];
      return err(
        `Invalid '${name}': ${kind} ${above ? 'above maximum' : 'below minimum'} value. Expected a value ${op} ${p['limit']}, but got ${p['actual']} instead.`,
        `${kind}_${above ? 'above_max' : 'below_min'}_value`,
      );
    }
    case 'maxLength':
    case 'minLength':
      return lengthError(err, name, 'string', v.keyword.startsWith('max'), p);
    case 'maxItems':
    case 'minItems':
      if (v.keyword === 'minItems' && p['actual'] === 0) {
        return err(
          `Invalid '${name}': empty array. Expected an array with minimum length ${p['limit']}, but got an empty array instead.`,
          'empty_array',
        );
      }
      return lengthError(err, name, 'array', v.keyword.startsWith('max'), p);
    case 'maxProperties':
      return err(
        `Invalid '${name}': too many properties. Expected an object with at most ${p['limit']} properties, but got an object with ${p['actual']} properties instead.`,
        'object_above_max_properties',
      );
    case 'contentType':
      return err(
        `Invalid Content-Type header (${p['actual']}), expected ${(p['expected'] as string[]).join(' or ')}.`,
        'invalid_content_type',
        null,
      );
    default:
      return err(`Invalid '${name}': ${v.message}.`, 'invalid_value');
  }
}

function lengthError(
  err: (message: string, code: string) => ErrorFields,
  name: string,
  what: 'string' | 'array',
  max: boolean,
  p: Record<string, unknown>,
): ErrorFields {
  const a = what === 'array' ? 'an array' : 'a string';
  return err(
    `Invalid '${name}': ${what} too ${max ? 'long' : 'short'}. Expected ${a} with ${max ? 'maximum' : 'minimum'} length ${p['limit']}, but got ${a} with length ${p['actual']} instead.`,
    `${what}_${max ? 'above_max' : 'below_min'}_length`,
  );
}

/** The API's words for JSON types: `number` reads "a decimal". */
function typeName(t: string): string {
  return (
    {
      string: 'a string',
      number: 'a decimal',
      integer: 'an integer',
      boolean: 'a boolean',
      object: 'an object',
      array: 'an array',
      null: 'null',
    }[t] ?? t
  );
}

function oneOf(names: string[]): string {
  if (names.length <= 1) return names[0] ?? 'another type';
  return `one of ${names.slice(0, -1).join(', ')} or ${names[names.length - 1]}`;
}

const render = (v: unknown) => (typeof v === 'string' ? `'${v}'` : JSON.stringify(v));
