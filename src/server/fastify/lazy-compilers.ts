import { createRequire } from 'node:module';
import type { FastifyServerOptions } from 'fastify';

type CompilersFactory = NonNullable<
  NonNullable<FastifyServerOptions['schemaController']>['compilersFactory']
>;
type Factory = (...args: unknown[]) => unknown;
type Compile = (route: { schema: unknown; httpPart?: string }) => unknown;

/**
 * Fastify requires its schema compilers (AJV and fast-json-stringify, ~25 ms) when an instance is created.
 * The mock's door declares no route schemas, so they load when a route first needs one (a route a user
 * adds to `server.app`), not at every start. Resolved from fastify's own location, as fastify resolves them.
 *
 * Handing fastify a validator factory (its public `schemaController.compilersFactory` option) marks it
 * "custom", and fastify then leaves header schemas as written instead of lower-casing their keys (header
 * names are case-insensitive; Node gives them lower-cased). These are fastify's own compilers, so the
 * lower-casing is done here, on `properties` and `required` as fastify does.
 */
export function lazyCompilers(): CompilersFactory {
  const load = (id: string) =>
    (createRequire(createRequire(import.meta.url).resolve('fastify'))(id) as () => Factory)();
  let validator: Factory | undefined;
  let serializer: Factory | undefined;
  const buildValidator = (...args: unknown[]) => {
    validator ??= load('@fastify/ajv-compiler');
    const compile = validator(...args) as Compile;
    return (route: { schema: unknown; httpPart?: string }) =>
      compile(route.httpPart === 'headers' ? { ...route, schema: lowerCaseHeaderKeys(route.schema) } : route);
  };
  const buildSerializer = (...args: unknown[]) => {
    serializer ??= load('@fastify/fast-json-stringify-compiler');
    return serializer(...args);
  };
  return {
    buildValidator: buildValidator as NonNullable<CompilersFactory['buildValidator']>,
    buildSerializer: buildSerializer as NonNullable<CompilersFactory['buildSerializer']>,
  };
}

/** Header names in `properties` and `required`, at any depth (`allOf` branches too), lower-cased. */
function lowerCaseHeaderKeys(schema: unknown): unknown {
  if (Array.isArray(schema)) return schema.map(lowerCaseHeaderKeys);
  if (!schema || typeof schema !== 'object') return schema;
  const out: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(schema)) {
    if (key === 'properties' && value && typeof value === 'object')
      out[key] = Object.fromEntries(
        Object.entries(value).map(([name, sub]) => [name.toLowerCase(), lowerCaseHeaderKeys(sub)]),
      );
    else if (key === 'required' && Array.isArray(value))
      out[key] = value.map((name) => (typeof name === 'string' ? name.toLowerCase() : name));
    else out[key] = lowerCaseHeaderKeys(value);
  }
  return out;
}
