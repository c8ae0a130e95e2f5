import type { RequestContext } from '../../engine/context.js';
import { createRandom, type Random, setBounded, touch } from '../../fixtures/core.js';
import { ruleMatches } from './match.js';
import { parseFaultRule } from './parse-rule.js';
import {
  type FaultRule,
  FaultRuleError,
  type FaultRuleInfo,
  type FaultSpec,
  type FaultStep,
} from './types.js';

/** The fault chosen for one request, with the seeded randomness its jitter and stream faults draw from. */
export interface FaultDecision {
  ruleId: string;
  spec: FaultSpec;
  random: Random;
}

interface Counter {
  matched: number;
  fired: number;
}

/**
 * The rules and their counters. Every draw comes from a Random seeded by the engine seed, the rule id, the
 * counter's owner and the match number, so a chaos run replays exactly, whatever the order of other tests.
 */
/** `maxCounters`: counters kept per rule (one per scope or key); the least recently used is dropped first. */
export function createRuleSet(seed: number, maxCounters = 10_000) {
  let rules: FaultRule[] = [];
  const counters = new Map<string, Map<string, Counter>>();
  let nextId = 1;

  function counter(ruleId: string, owner: string): Counter {
    let byOwner = counters.get(ruleId);
    if (!byOwner) {
      byOwner = new Map();
      counters.set(ruleId, byOwner);
    }
    let c = touch(byOwner, owner);
    if (!c) {
      c = { matched: 0, fired: 0 };
      setBounded(byOwner, owner, c, maxCounters);
    }
    return c;
  }

  function step(rule: FaultRule, ctx: RequestContext): FaultDecision | null {
    const owner =
      rule.countPer === 'global'
        ? ''
        : rule.countPer === 'apiKey'
          ? `key:${ctx.apiKey ?? ''}`
          : `scope:${ctx.scope ?? ''}`;
    const c = counter(rule.id, owner);
    const n = c.matched++;
    const random = createRandom(`${seed}:fault:${rule.id}:${owner}:${n}`);
    let chosen: FaultStep | undefined;
    if (rule.mode === 'sequence') chosen = rule.faults[n];
    else {
      if (rule.times !== null && c.fired >= rule.times) return null;
      if (rule.rate < 1 && !random.fork('rate').chance(rule.rate)) return null;
      chosen = rule.mode === 'pick' ? random.fork('pick').pick(rule.faults) : rule.faults[0];
    }
    if (chosen === undefined || chosen === 'pass') return null;
    c.fired++;
    return { ruleId: rule.id, spec: chosen, random };
  }

  const info = (rule: FaultRule): FaultRuleInfo => {
    let matched = 0;
    let fired = 0;
    for (const c of counters.get(rule.id)?.values() ?? []) {
      matched += c.matched;
      fired += c.fired;
    }
    return { ...rule, matched, fired };
  };

  return {
    add(input: unknown, origin: FaultRule['origin'], scope: string | null = null, where?: string): FaultRule {
      while (rules.some((r) => r.id === `fault_${nextId}`)) nextId++;
      const rule = parseFaultRule(input, `fault_${nextId}`, origin, where);
      if (rule.scope === null && scope !== null) rule.scope = scope;
      if (rules.some((r) => r.id === rule.id))
        throw new FaultRuleError(`${where ?? 'fault rule'}: a rule with id '${rule.id}' exists already.`);
      if (rule.id === `fault_${nextId}`) nextId++;
      rules.push(rule);
      return rule;
    },
    remove(id: string): boolean {
      const before = rules.length;
      rules = rules.filter((r) => r.id !== id);
      counters.delete(id);
      return rules.length < before;
    },
    /** Removes runtime rules (of one scope, when given); config rules stay unless `all`. */
    clear(filter: { scope?: string | undefined; all?: boolean } = {}) {
      const drop = (r: FaultRule) =>
        (filter.all || r.origin === 'runtime') && (filter.scope === undefined || r.scope === filter.scope);
      for (const r of rules) if (drop(r)) counters.delete(r.id);
      rules = rules.filter((r) => !drop(r));
    },
    list(scope?: string): FaultRuleInfo[] {
      return rules.filter((r) => scope === undefined || r.scope === scope || r.scope === null).map(info);
    },
    /** Rules of the request's own scope first, then the ones for everybody; the first that fires wins. */
    decide(ctx: RequestContext): FaultDecision | null {
      if (!rules.length) return null;
      for (const scoped of [true, false]) {
        for (const rule of rules) {
          if ((rule.scope !== null) !== scoped || !ruleMatches(rule, ctx)) continue;
          const decision = step(rule, ctx);
          if (decision) return decision;
        }
      }
      return null;
    },
    /** A one-off fault from the `x-mock-fault` header, numbered per scope for its seeded draws. */
    oneOff(spec: FaultSpec, ctx: RequestContext): FaultDecision {
      const c = counter('header', `scope:${ctx.scope ?? ''}`);
      const n = c.matched++;
      c.fired++;
      return { ruleId: 'header', spec, random: createRandom(`${seed}:fault:header:${ctx.scope ?? ''}:${n}`) };
    },
    /** Counters back to zero (on reset), so a rerun replays the same faults. */
    resetCounters() {
      counters.clear();
      nextId = 1;
    },
  };
}

export type RuleSet = ReturnType<typeof createRuleSet>;
