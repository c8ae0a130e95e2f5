import { coerceToSchema, multipartValue, nestBrackets } from './form-values.js';
import type { OperationSchemas } from './operation-index.js';
import type { SchemaChecker } from './schema-checker.js';
import { isPlainObject, type SchemaShapes } from './schema-shapes.js';
import type { Operation, RequestParts, Violation } from './types.js';

/** Schemas that accept any string: path parameters are nearly all like this, so skip AJV for them. */
const isPlainString = (s: any) =>
  s &&
  s.type === 'string' &&
  Object.keys(s).every((k) => k === 'type' || k === 'example' || k === 'description');

/** Path parameters, then query parameters, then the body: the order a reader of the URL meets them. */
export function validateRequest(
  checker: SchemaChecker,
  shapes: SchemaShapes,
  op: Operation,
  schemas: OperationSchemas,
  req: RequestParts,
): Violation[] {
  const out: Violation[] = [];
  for (const name of op.pathParams) {
    const pointer = schemas.params[`path:${name}`];
    const schema = pointer === undefined ? undefined : shapes.resolve(`#${pointer}`);
    const value = req.params[name];
    if (pointer === undefined || value === undefined || isPlainString(schema)) continue;
    out.push(...checker.check(pointer, value, 'path', [name]));
  }
  if (op.queryParams.length > 0) out.push(...validateQuery(checker, shapes, op, schemas, req.query));
  out.push(...validateBody(checker, shapes, op, schemas, req));
  return out;
}

function validateQuery(
  checker: SchemaChecker,
  shapes: SchemaShapes,
  op: Operation,
  schemas: OperationSchemas,
  query: RequestParts['query'],
): Violation[] {
  const out: Violation[] = [];
  let nested: Record<string, unknown> | undefined;
  for (const param of op.queryParams) {
    const bare = param.name.endsWith('[]') ? param.name.slice(0, -2) : param.name;
    let raw: unknown = query[param.name] ?? query[bare] ?? query[`${bare}[]`];
    if (raw === undefined) {
      nested ??= nestBrackets(query); // `metadata[key]=value`
      raw = nested[bare];
    }
    if (raw === undefined) {
      if (param.required) out.push(missing(param.name));
      continue;
    }
    const pointer = schemas.params[`query:${param.name}`]!;
    out.push(...checker.check(pointer, coerceToSchema(shapes, param.schema, raw), 'query', [param.name]));
  }
  return out;
}

function missing(name: string): Violation {
  return {
    in: 'query',
    pointer: `/${name}`,
    message: `missing required query parameter '${name}'`,
    keyword: 'required',
    params: { missingProperty: name },
  };
}

function validateBody(
  checker: SchemaChecker,
  shapes: SchemaShapes,
  op: Operation,
  schemas: OperationSchemas,
  req: RequestParts,
): Violation[] {
  if (!op.requestBody) return [];
  const types = Object.keys(schemas.body);
  const { body } = req;
  if (isMultipart(body)) {
    const ct = types.find((t) => t.startsWith('multipart/'));
    if (!ct) return [wrongContentType(types, 'multipart/form-data')];
    const pointer = schemas.body[ct]!;
    const value = coerceToSchema(
      shapes,
      shapes.resolve(`#${pointer}`),
      multipartValue(body.fields, body.files),
    );
    return checker.check(pointer, value, 'body');
  }
  if (body instanceof Uint8Array || typeof body === 'string') return []; // raw bodies (application/sdp)
  const ct = types.find((t) => t === 'application/json' || t.endsWith('+json'));
  if (!ct) {
    if (body === undefined && !op.requestBody.required) return [];
    return [wrongContentType(types, req.contentType ?? 'application/json')];
  }
  if (body === undefined && !op.requestBody.required) return [];
  // no body where one is required: report what is missing from it, as the real API does
  return checker.check(schemas.body[ct]!, body === undefined ? {} : body, 'body');
}

function isMultipart(body: unknown): body is {
  kind: 'multipart';
  fields: Record<string, string | string[]>;
  files: Record<string, { filename: string }[]>;
} {
  return (
    isPlainObject(body) &&
    body['kind'] === 'multipart' &&
    isPlainObject(body['fields']) &&
    isPlainObject(body['files'])
  );
}

function wrongContentType(expected: string[], actual: string): Violation {
  return {
    in: 'body',
    pointer: '',
    message: `content type ${actual} is not accepted here; send ${expected.join(' or ')}`,
    keyword: 'contentType',
    params: { expected, actual },
  };
}
