import type { Contract, Operation } from '../contract/index.js';
import type { RequestContext } from './context.js';
import { OpenAIHttpError } from './errors.js';

/**
 * The real API refuses top-level parameters it does not know (a misspelled `temprature` is a 400, not a
 * silently default temperature), although the document leaves these request schemas open. Each family
 * words it its own way; these are the simulated endpoints whose answers are known.
 */
const UNKNOWN_PARAMETER: Record<string, (name: string) => OpenAIHttpError> = {
  createChatCompletion: legacyUnrecognized,
  createCompletion: legacyUnrecognized,
  createResponse: (name) =>
    new OpenAIHttpError(400, `Unknown parameter: '${name}'.`, { param: name, code: 'unknown_parameter' }),
};

function legacyUnrecognized(name: string): OpenAIHttpError {
  return new OpenAIHttpError(400, `Unrecognized request argument supplied: ${name}`);
}

const known = new WeakMap<Operation, ReadonlySet<string> | null>();

/** Strict mode answers the first unknown top-level parameter with the API's 400; warn mode notes them all. */
export function checkUnknownParameters(ctx: RequestContext): void {
  const { contract, options } = ctx.engine;
  const refuse = UNKNOWN_PARAMETER[ctx.operation.id];
  if (!refuse || !contract || options.validation === 'off') return;
  const body = ctx.body;
  if (!body || typeof body !== 'object' || Array.isArray(body)) return;
  let names = known.get(ctx.operation);
  if (names === undefined) {
    names = bodyProperties(contract, ctx.operation);
    known.set(ctx.operation, names);
  }
  if (names === null) return;
  for (const name of Object.keys(body)) {
    if (names.has(name)) continue;
    const error = refuse(name);
    if (options.validation === 'strict') throw error;
    ctx.violations.push({
      in: 'body',
      pointer: `/${name}`,
      message: error.message,
      keyword: 'additionalProperties',
      params: { additionalProperty: name },
    });
  }
}

/** The top-level properties of the operation's JSON body schema (through `$ref`s and `allOf`). */
function bodyProperties(contract: Contract, operation: Operation): Set<string> | null {
  const root = contract.resolveRef(`${operation.pointer}/requestBody/content/application~1json/schema`);
  if (!root) return null;
  const names = new Set<string>();
  const seen = new Set<unknown>();
  const pending: unknown[] = [root];
  while (pending.length > 0) {
    let schema = pending.pop() as Record<string, unknown> | undefined;
    if (schema && typeof schema['$ref'] === 'string') schema = contract.resolveRef(schema['$ref']);
    if (!schema || typeof schema !== 'object' || seen.has(schema)) continue;
    seen.add(schema);
    for (const name of Object.keys((schema['properties'] as object | undefined) ?? {})) names.add(name);
    for (const part of (schema['allOf'] as unknown[] | undefined) ?? []) pending.push(part);
  }
  return names.size > 0 ? names : null;
}
