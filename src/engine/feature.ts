import type { EngineCore } from './context.js';

/**
 * A plugin the engine knows only by this shape: faults, rate limits, cassettes, scripted replies, batches,
 * simulator settings. `install` checks its options (they may come from a config file, so it checks at run
 * time too), registers middleware (`engine.use`), admin routes, reset and close hooks, and returns the
 * programmatic API that becomes `engine[name]` (nothing, for settings-only features).
 *
 * The composition module (`src/compose.ts`) lists the default set; `EngineOptions.features` is typed from
 * that list, so `features: { rateLimit: … }` (for `rateLimits`) does not compile.
 */
export interface EngineFeature<Name extends string = string, Options = any, Api = unknown> {
  readonly name: Name;
  install(engine: EngineCore, options: Options | undefined): Api;
}

type AnyFeature = EngineFeature<string, any, unknown>;

/** `{ [name]?: options }` for a list of features. */
export type FeatureOptionsOf<Fs extends readonly AnyFeature[]> = {
  [F in Fs[number] as F['name']]?: Parameters<F['install']>[1];
};

/** `{ [name]: api }` for the features of a list that return one. */
export type FeatureApisOf<Fs extends readonly AnyFeature[]> = {
  readonly [F in Fs[number] as ReturnType<F['install']> extends void ? never : F['name']]: ReturnType<
    F['install']
  >;
};

/** Installs each feature with its options, in order; a name given twice is a mistake in the list. */
export function installFeatures<Fs extends readonly AnyFeature[]>(
  engine: EngineCore,
  features: Fs,
  options: FeatureOptionsOf<Fs>,
): FeatureApisOf<Fs> {
  const given = options as Record<string, unknown>;
  const known = new Set(features.map((f) => f.name));
  for (const name of Object.keys(given))
    if (!known.has(name))
      throw new TypeError(
        `openai-mock: unknown feature '${name}' in features; use one of ${[...known].join(', ')}.`,
      );
  const apis: Record<string, unknown> = {};
  for (const feature of features) {
    if (feature.name in apis) throw new TypeError(`openai-mock: feature '${feature.name}' is listed twice.`);
    const api = feature.install(engine, given[feature.name]);
    if (api !== undefined) apis[feature.name] = api;
  }
  return apis as FeatureApisOf<Fs>;
}
