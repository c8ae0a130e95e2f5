import type { EngineCore } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { EngineFeature } from '../../engine/feature.js';
import { installFaultAdminRoutes } from './admin-routes.js';
import { applyFault } from './apply.js';
import type { FaultMatchInput, FaultRuleInput } from './parse-rule.js';
import { parseFaultStep } from './parse-spec.js';
import { createRuleSet, type FaultDecision } from './rule-set.js';
import { type FaultRule, FaultRuleError, type FaultRuleInfo, type FaultStep } from './types.js';

export interface FaultsOptions {
  /** Rules in force from the start; unlike rules added at run time, they survive `reset()`. @default [] */
  rules?: FaultRuleInput[];
  /**
   * A global seeded failure rate: each request fails with this probability, with a fault picked (seeded) from
   * `kinds`. @default kinds [429, 500, 502, 503, "reset"]
   */
  chaos?: number | { rate: number; kinds?: unknown[]; match?: FaultMatchInput };
  /** The longest a hang holds a request before resetting the connection. @default 60000 */
  maxHangMs?: number;
  /** Honour the per-request `x-mock-fault` header. @default true */
  header?: boolean;
}

/** What `engine.faults` offers: the admin API's operations, programmatically. */
export interface FaultsApi {
  /** Adds a rule (`{ status: 429, times: 2 }`, `{ sequence: [429, 500, 'pass'] }`, `503`, …); returns it with its id. */
  add(rule: FaultRuleInput | number | string): FaultRule;
  /** Removes one rule, config rules included (until `reset()` restores them). */
  remove(id: string): boolean;
  /** Removes rules added at run time (of one scope, when given); `includeConfig` removes config rules too. */
  clear(options?: { scope?: string; includeConfig?: boolean }): void;
  /** Rules with their counters; with a scope, that scope's rules and the ones for everybody. */
  list(options?: { scope?: string }): FaultRuleInfo[];
}

export const DEFAULT_CHAOS_KINDS = [429, 500, 502, 503, 'reset'];
export const DEFAULT_MAX_HANG_MS = 60_000;

/**
 * Fault injection in the `faults` slot (first after validation), so it behaves the same behind every door:
 * rules from options, the admin API (`/__mock/faults`) or `engine.faults`, plus the `x-mock-fault` header.
 */
export function installFaults(engine: EngineCore, options: FaultsOptions | undefined): FaultsApi {
  const opts = checkOptions(options);
  const maxHangMs = opts.maxHangMs ?? DEFAULT_MAX_HANG_MS;
  const rules = createRuleSet(engine.options.seed, engine.options.limits.tableEntries);
  const configRules: unknown[] = [...(opts.rules ?? [])];
  if (opts.chaos !== undefined) configRules.push(chaosRule(opts.chaos));
  const addConfig = () => {
    configRules.forEach((rule, i) => {
      rules.add(rule, 'config', null, `features.faults.rules[${i}]`);
    });
  };
  addConfig();

  engine.use('faults', async (ctx, next) => {
    const header = opts.header === false ? undefined : ctx.request.headers['x-mock-fault'];
    let decision: FaultDecision | null;
    if (header !== undefined) {
      const step = headerStep(header);
      decision = step === 'pass' ? null : rules.oneOff(step, ctx);
    } else decision = rules.decide(ctx);
    return decision ? applyFault(ctx, decision, next, maxHangMs) : next();
  });

  const api: FaultsApi = {
    add: (rule) => rules.add(rule, 'runtime'),
    remove: (id) => rules.remove(id),
    clear: (o = {}) => rules.clear({ scope: o.scope, all: o.includeConfig ?? false }),
    list: (o = {}) => rules.list(o.scope),
  };
  installFaultAdminRoutes(engine, rules);
  engine.onReset(() => {
    rules.clear({ all: true });
    rules.resetCounters();
    addConfig();
  });
  return api;
}

/** The `x-mock-fault` header's fault; one it cannot read is the caller's mistake: a 400 naming it. */
function headerStep(header: string): FaultStep {
  try {
    return parseFaultStep(header, 'x-mock-fault');
  } catch (error) {
    if (error instanceof FaultRuleError)
      throw new OpenAIHttpError(400, error.message, { param: 'x-mock-fault' });
    throw error;
  }
}

function chaosRule(chaos: NonNullable<FaultsOptions['chaos']>): FaultRuleInput {
  const c = typeof chaos === 'number' ? { rate: chaos } : chaos;
  return {
    id: 'chaos',
    rate: c.rate,
    pick: c.kinds ?? DEFAULT_CHAOS_KINDS,
    ...(c.match && { match: c.match }),
  };
}

/** Options may come from a config file: checked at run time too. */
function checkOptions(options: unknown): FaultsOptions {
  if (options === undefined || options === null) return {};
  if (typeof options !== 'object' || Array.isArray(options))
    throw new FaultRuleError('features.faults must be an object like { "rules": [...], "chaos": 0.1 }.');
  const o = options as FaultsOptions & Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['rules', 'chaos', 'maxHangMs', 'header'].includes(key))
      throw new FaultRuleError(
        `features.faults: unknown option '${key}'; use rules, chaos, maxHangMs or header.`,
      );
  }
  if (o.rules !== undefined && !Array.isArray(o.rules))
    throw new FaultRuleError('features.faults.rules must be a list of rules.');
  if (o.maxHangMs !== undefined && !(typeof o.maxHangMs === 'number' && o.maxHangMs >= 0))
    throw new FaultRuleError('features.faults.maxHangMs must be a number of milliseconds.');
  return o;
}

/** Fault injection as an engine feature: `features.faults`, `engine.faults`. */
export const faultsFeature: EngineFeature<'faults', FaultsOptions, FaultsApi> = {
  name: 'faults',
  install: installFaults,
};
