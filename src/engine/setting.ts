import type { EngineCore } from './context.js';
import type { EngineFeature } from './feature.js';

/**
 * A feature that only holds a value simulators read (file limits, pacing, …): installed from
 * `features[name]`, checked once at start, read with `setting.of(engine)`; the default when not installed.
 */
export interface EngineSetting<Name extends string, Input, Value> extends EngineFeature<Name, Input, void> {
  of(engine: EngineCore): Value;
}

export function defineSetting<Name extends string, Input, Value>(
  name: Name,
  resolve: (input: Input | undefined) => Value,
): EngineSetting<Name, Input, Value> {
  const values = new WeakMap<EngineCore, Value>();
  let fallback: Value | undefined;
  return {
    name,
    install(engine, input) {
      values.set(engine, resolve(input));
    },
    of(engine) {
      const value = values.get(engine);
      if (value !== undefined) return value;
      fallback ??= resolve(undefined);
      return fallback;
    },
  };
}
