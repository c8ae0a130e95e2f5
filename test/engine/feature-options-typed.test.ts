import { describe, expect, it } from 'vitest';
import { buildEngine, defaultFeatures } from '../../src/compose.js';
import {
  buildCoreEngine,
  type EngineFeature,
  json,
  type OperationHandler,
  type SimulatorSet,
} from '../../src/engine/index.js';

describe('feature options', () => {
  it('refuses a misspelt feature name, at compile time and at run time (options from a config file)', () => {
    // @ts-expect-error `rateLimit` is not a feature; `rateLimits` is (typecheck fails if this compiles)
    expect(() => buildEngine(undefined, { features: { rateLimit: { rpm: 1 } } })).toThrow(
      /unknown feature 'rateLimit' in features; use one of .*rateLimits/,
    );
  });

  it('types each feature its own options', () => {
    // @ts-expect-error `rpm` is a number of requests per minute
    expect(() => buildEngine(undefined, { features: { rateLimits: { rpm: 'sixty' } } })).toThrow(/rpm/);
  });

  it('installs a feature from above: its options in, its API out as engine[name]', async () => {
    const seen: unknown[] = [];
    const greeter: EngineFeature<'greeter', { word: string }, { greet(): string }> = {
      name: 'greeter',
      install(engine, options) {
        const word = options?.word ?? 'hello';
        engine.use('faults', async (ctx, next) => {
          seen.push(ctx.operation.id);
          return next();
        });
        return { greet: () => word };
      },
    };
    const ping: OperationHandler = {
      operationId: 'ping',
      method: 'GET',
      path: '/ping',
      handle: () => json('pong'),
    };
    const simulators: SimulatorSet = {
      eager: [],
      load: async () => [ping],
      fallback: () => Promise.reject(new Error('not reached')),
      missing: () => Promise.reject(new Error('not reached')),
    };
    const engine = buildCoreEngine(
      undefined,
      { features: { greeter: { word: 'hi' } } },
      { simulators, features: [greeter] },
    );
    expect(engine.greeter.greet()).toBe('hi');
    const response = await engine.handle({ method: 'GET', path: '/v1/ping', query: {}, headers: {} });
    expect(response.body).toEqual({ kind: 'json', value: 'pong' });
    expect(seen).toEqual(['ping']);
    // @ts-expect-error the default features are not part of this engine
    expect(engine.faults).toBeUndefined();
    expect(defaultFeatures.map((f) => f.name)).toContain('faults');
  });
});
