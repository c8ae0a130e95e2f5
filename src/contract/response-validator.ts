import { escapeSegment, getAtPointer } from './json-pointer.js';
import type { OperationSchemas } from './operation-index.js';
import type { SchemaChecker } from './schema-checker.js';
import { isPlainObject, type SchemaShapes } from './schema-shapes.js';
import type { Operation, Violation } from './types.js';

const ERROR_ENVELOPE = '/components/schemas/ErrorResponse';

/** Content type without parameters, lower case. */
const bareType = (ct: string) => ct.split(';', 1)[0]!.trim().toLowerCase();
const isJsonType = (ct: string) => ct === 'application/json' || ct.endsWith('+json');

/**
 * Check a response body. Error statuses are checked against the `{ error: {…} }` envelope whatever
 * the operation declares: the document declares some 404s as the bare `Error` object, while the
 * real API (and the official SDKs) use the envelope everywhere. Non-JSON bodies are not checked.
 */
export function validateResponse(
  checker: SchemaChecker,
  doc: any,
  op: Operation,
  schemas: OperationSchemas,
  status: number,
  body: unknown,
  contentType: string | undefined,
): Violation[] {
  if (status >= 400) {
    return getAtPointer(doc, ERROR_ENVELOPE) === undefined
      ? []
      : checker.check(ERROR_ENVELOPE, body, 'response');
  }
  const key = schemas.responses[String(status)]
    ? String(status)
    : schemas.responses[`${String(status)[0]}XX`]
      ? `${String(status)[0]}XX`
      : undefined;
  if (key === undefined) {
    if (status < 200 || status >= 300) return [];
    const declared = Object.keys(schemas.responses).filter((s) => s.startsWith('2'));
    return [
      {
        in: 'response',
        pointer: '',
        message: `${op.method} ${op.path} declares no ${status} response (declared: ${declared.join(', ') || 'none'})`,
        keyword: 'status',
        params: { status, declared },
      },
    ];
  }
  const at = schemas.responses[key]!;
  const content = getAtPointer(doc, at)?.content ?? {};
  const ct = contentType ? bareType(contentType) : Object.keys(content).find(isJsonType);
  if (ct === undefined || !isJsonType(ct) || body instanceof Uint8Array || typeof body === 'string')
    return [];
  const mediaKey = Object.keys(content).find((k) => bareType(k) === ct);
  if (mediaKey === undefined || content[mediaKey]?.schema === undefined) return [];
  return checker.check(`${at}/content/${escapeSegment(mediaKey)}/schema`, body, 'response');
}

/** Branch pointer per `type` value, for unions of events such as `ResponseStreamEvent`. */
export type EventDispatch = Map<string, string> | undefined;

export function buildEventDispatch(shapes: SchemaShapes, pointer: string): EventDispatch {
  let schema = shapes.resolve(`#${pointer}`);
  let at = pointer;
  while (schema && typeof schema.$ref === 'string' && Object.keys(schema).length <= 2) {
    at = schema.$ref.slice(1);
    schema = shapes.resolve(schema.$ref);
  }
  const branches = schema?.anyOf ?? schema?.oneOf;
  if (!Array.isArray(branches)) return undefined;
  const map = new Map<string, string>();
  const key = schema.anyOf ? 'anyOf' : 'oneOf';
  branches.forEach((branch: any, i: number) => {
    const values = shapes.allowedValues(branch, 'type') ?? [];
    const target = typeof branch?.$ref === 'string' ? branch.$ref.slice(1) : `${at}/${key}/${i}`;
    for (const v of values) if (typeof v === 'string' && !map.has(v)) map.set(v, target);
  });
  return map.size > 0 ? map : undefined;
}

/**
 * One SSE event's data. For unions keyed by `type`, the event goes straight to its branch: cheaper
 * than trying 50 branches, and a broken event is explained against the schema it claims to be.
 */
export function validateStreamEvent(
  checker: SchemaChecker,
  pointer: string | undefined,
  dispatch: EventDispatch,
  data: unknown,
): Violation[] {
  if (pointer === undefined || data === '[DONE]') return [];
  if (!dispatch || !isPlainObject(data)) return checker.check(pointer, data, 'event');
  const type = data['type'];
  const branch = typeof type === 'string' ? dispatch.get(type) : undefined;
  if (branch) return checker.check(branch, data, 'event');
  // no branch claims it: say so directly instead of compiling the whole union to learn the same
  const allowedValues = [...dispatch.keys()];
  if (type === undefined) {
    return [
      {
        in: 'event',
        pointer: '/type',
        message: "missing required property 'type'",
        keyword: 'required',
        params: { missingProperty: 'type' },
      },
    ];
  }
  const shown = typeof type === 'string' ? `'${type}'` : JSON.stringify(type);
  return [
    {
      in: 'event',
      pointer: '/type',
      message: `is not a known event type, got ${shown}`,
      keyword: 'enum',
      params: { allowedValues, actual: type },
    },
  ];
}
