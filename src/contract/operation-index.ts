import { escapeSegment, getAtPointer } from './json-pointer.js';
import type { Operation } from './types.js';

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

/** Where an operation's schemas sit in the document, as JSON pointers (internal to the room). */
export interface OperationSchemas {
  /** Request body schema per content type. */
  body: Record<string, string>;
  /** Parameter schema per `in:name` (`query:limit`, `path:file_id`). */
  params: Record<string, string>;
  /** Pointer of the response object per declared status key (`200`, `429`, `default`). */
  responses: Record<string, string>;
}

export interface IndexedOperation {
  operation: Operation;
  schemas: OperationSchemas;
}

/** Every operation of the document with its parameters, bodies and success response. */
export function indexOperations(doc: any): IndexedOperation[] {
  const out: IndexedOperation[] = [];
  for (const [pathKey, item] of Object.entries<any>(doc.paths ?? {})) {
    if (item === null || typeof item !== 'object') continue;
    const [template = pathKey, queryString] = pathKey.split('?', 2);
    for (const method of METHODS) {
      const raw = item[method];
      if (raw === null || typeof raw !== 'object') continue;
      const pointer = `/paths/${escapeSegment(pathKey)}/${method}`;
      out.push(indexOperation(doc, raw, item, pointer, method, template, queryString));
    }
  }
  return out;
}

function indexOperation(
  doc: any,
  raw: any,
  item: any,
  pointer: string,
  method: string,
  template: string,
  queryString: string | undefined,
): IndexedOperation {
  const schemas: OperationSchemas = { body: {}, params: {}, responses: {} };
  const queryParams: Operation['queryParams'] = [];
  for (const { param, at } of parameters(doc, item, raw, pointer)) {
    if (param.in !== 'query' && param.in !== 'path') continue;
    schemas.params[`${param.in}:${param.name}`] = `${at}/schema`;
    if (param.in === 'query')
      queryParams.push({ name: param.name, required: param.required === true, schema: param.schema });
  }

  const operation: Operation = {
    id: typeof raw.operationId === 'string' ? raw.operationId : `${method}${template}`,
    method: method.toUpperCase(),
    path: template,
    pointer,
    tags: Array.isArray(raw.tags) ? raw.tags : [],
    deprecated: raw.deprecated === true,
    pathParams: [...template.matchAll(/\{([^}]+)\}/g)].map((m) => m[1]!),
    queryParams,
    success: undefined,
    streaming: false,
  };
  if (typeof raw.summary === 'string') operation.summary = raw.summary;
  if (queryString) operation.queryMatch = Object.fromEntries(new URLSearchParams(queryString));

  const body = deref(doc, raw.requestBody, `${pointer}/requestBody`);
  if (body.value && typeof body.value === 'object') {
    const content = body.value.content ?? {};
    for (const ct of Object.keys(content))
      schemas.body[ct] = `${body.at}/content/${escapeSegment(ct)}/schema`;
    operation.requestBody = { required: body.value.required === true, contentTypes: Object.keys(content) };
  }

  let successKey: string | undefined;
  for (const status of Object.keys(raw.responses ?? {})) {
    const response = deref(doc, raw.responses[status], `${pointer}/responses/${escapeSegment(status)}`);
    schemas.responses[status] = response.at;
    const code = statusNumber(status);
    if (code >= 200 && code < 300 && (successKey === undefined || code < statusNumber(successKey)))
      successKey = status;
  }
  if (successKey !== undefined) {
    const response = getAtPointer(doc, schemas.responses[successKey]!) ?? {};
    const content: Record<string, any> = {};
    for (const [ct, media] of Object.entries<any>(response.content ?? {})) content[ct] = media?.schema;
    operation.success = { status: statusNumber(successKey), content };
    operation.streaming = 'text/event-stream' in content;
  }
  return { operation, schemas };
}

/** Path-item parameters overridden by operation parameters of the same `in` + `name`. */
function parameters(doc: any, item: any, raw: any, pointer: string): { param: any; at: string }[] {
  const byKey = new Map<string, { param: any; at: string }>();
  const itemPointer = pointer.slice(0, pointer.lastIndexOf('/'));
  const add = (list: unknown, base: string) => {
    if (!Array.isArray(list)) return;
    list.forEach((p, i) => {
      const { value, at } = deref(doc, p, `${base}/parameters/${i}`);
      if (value && typeof value === 'object') byKey.set(`${value.in}:${value.name}`, { param: value, at });
    });
  };
  add(item.parameters, itemPointer);
  add(raw.parameters, pointer);
  return [...byKey.values()];
}

/** Follow a `$ref` (chains too) and report where the target lives. */
function deref(doc: any, value: any, at: string): { value: any; at: string } {
  for (let hops = 0; hops < 10 && value && typeof value.$ref === 'string'; hops++) {
    at = value.$ref.replace(/^#/, '');
    value = getAtPointer(doc, at);
  }
  return { value, at };
}

/** `200` → 200; `2XX` → 200; `default` → 0 (never a success). */
function statusNumber(key: string): number {
  if (/^\d{3}$/.test(key)) return Number(key);
  if (/^\dXX$/i.test(key)) return Number(key[0]) * 100;
  return 0;
}
