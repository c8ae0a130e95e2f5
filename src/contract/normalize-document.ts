import { escapeSegment } from './json-pointer.js';
import { type NormalizeState, normalizeSchema } from './normalize-schema.js';
import type { NormalizeStats } from './types.js';

/**
 * Turn the OpenAPI 3.0 leftovers of the document into JSON Schema 2020-12, in place, once at load:
 * every schema position (components, parameters, request bodies, responses, headers, webhooks) is
 * visited. See normalize-schema.ts for the rules.
 */
export function normalizeDocument(doc: any): NormalizeStats {
  const state: NormalizeState = {
    stats: {
      nullable: 0,
      nullableEnums: 0,
      nullableWrapped: 0,
      nullableMembersLifted: 0,
      exclusiveBounds: 0,
      oneOfToAnyOf: 0,
      recursiveRefs: 0,
      formats: [],
    },
    formats: new Set(),
    anchor: undefined,
  };
  const components = doc.components ?? {};
  for (const [name, schema] of entries(components.schemas)) {
    state.anchor = `#/components/schemas/${escapeSegment(name)}`;
    normalizeSchema(schema, state);
  }
  state.anchor = undefined;
  for (const [, param] of entries(components.parameters)) visitParameter(param, state);
  for (const [, body] of entries(components.requestBodies)) visitContent(body?.content, state);
  for (const [, response] of entries(components.responses)) visitResponse(response, state);
  for (const [, header] of entries(components.headers)) normalizeSchema(header?.schema, state);
  for (const [, item] of entries(doc.paths)) visitPathItem(item, state);
  for (const [, item] of entries(doc.webhooks)) visitPathItem(item, state);
  state.stats.formats = [...state.formats].sort();
  return state.stats;
}

const METHODS = ['get', 'put', 'post', 'delete', 'options', 'head', 'patch', 'trace'];

function visitPathItem(item: any, state: NormalizeState): void {
  if (!isObject(item)) return;
  for (const p of arrayOf(item.parameters)) visitParameter(p, state);
  for (const method of METHODS) {
    const op = item[method];
    if (!isObject(op)) continue;
    for (const p of arrayOf(op.parameters)) visitParameter(p, state);
    visitContent(op.requestBody?.content, state);
    for (const [, response] of entries(op.responses)) visitResponse(response, state);
  }
}

function visitParameter(param: any, state: NormalizeState): void {
  if (!isObject(param)) return;
  normalizeSchema(param.schema, state);
  visitContent(param.content, state);
}

function visitResponse(response: any, state: NormalizeState): void {
  if (!isObject(response)) return;
  visitContent(response.content, state);
  for (const [, header] of entries(response.headers)) normalizeSchema(header?.schema, state);
}

function visitContent(content: any, state: NormalizeState): void {
  for (const [, media] of entries(content)) normalizeSchema(media?.schema, state);
}

function entries(value: unknown): [string, any][] {
  return isObject(value) ? Object.entries(value) : [];
}

function arrayOf(value: unknown): any[] {
  return Array.isArray(value) ? value : [];
}

function isObject(value: unknown): value is Record<string, any> {
  return value !== null && typeof value === 'object' && !Array.isArray(value);
}
