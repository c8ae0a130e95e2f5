import { isSpecKey, parseFaultSpec, parseFaultStep } from './parse-spec.js';
import { type FaultMatch, type FaultRule, FaultRuleError } from './types.js';

/**
 * A fault rule as users write it (admin API body, config file, `engine.faults.add`). The fault is inline
 * (`{ "status": 429, "times": 2 }`, the DESIGN shape), or `fault`, or a `sequence` (`[429, 500, "pass"]`),
 * or a seeded `pick` among several (chaos).
 */
export interface FaultRuleInput {
  id?: string;
  match?: FaultMatchInput;
  scope?: string | null;
  fault?: unknown;
  sequence?: unknown[];
  pick?: unknown[];
  times?: number;
  rate?: number;
  countPer?: 'scope' | 'apiKey' | 'global';
  [specKey: string]: unknown;
}

export interface FaultMatchInput {
  method?: string | string[];
  /** With or without `/v1`; a template (`/threads/{thread_id}/runs`) or a prefix ending in `*`. */
  path?: string | string[];
  operationId?: string | string[];
  model?: string | string[];
  /** `{ "x-tenant": "a" }`, `{ "x-debug": true }` (present), or `"x-tenant: a"`. */
  header?: Record<string, string | true> | string;
  metadata?: Record<string, string>;
  apiKey?: string | string[];
  stream?: boolean;
}

const RULE_KEYS = new Set(['id', 'match', 'scope', 'fault', 'sequence', 'pick', 'times', 'rate', 'countPer']);
const COUNT_PER = ['scope', 'apiKey', 'global'] as const;

export function parseFaultRule(
  input: unknown,
  id: string,
  origin: FaultRule['origin'],
  where = 'fault rule',
): FaultRule {
  if (typeof input === 'number' || typeof input === 'string') input = { fault: input };
  if (!input || typeof input !== 'object' || Array.isArray(input))
    throw new FaultRuleError(
      `${where}: expected an object like { "status": 429, "times": 2 }, got ${JSON.stringify(input)}.`,
    );
  const o = input as Record<string, unknown>;
  const inline: Record<string, unknown> = {};
  for (const [key, value] of Object.entries(o)) {
    if (isSpecKey(key)) inline[key] = value;
    else if (!RULE_KEYS.has(key))
      throw new FaultRuleError(
        `${where}: unknown field '${key}'; see the README's "Chaos-test your retry logic".`,
      );
  }
  const forms = ['fault', 'sequence', 'pick'].filter((k) => o[k] !== undefined);
  if (forms.length > 1 || (forms.length === 1 && Object.keys(inline).length))
    throw new FaultRuleError(
      `${where}: give the fault one way: inline fields, 'fault', 'sequence' or 'pick'.`,
    );
  const list = (key: 'sequence' | 'pick') => {
    const v = o[key];
    if (!Array.isArray(v) || v.length === 0)
      throw new FaultRuleError(`${where}: ${key} must be a non-empty list, e.g. [429, 500, "pass"].`);
    return v.map((step, i) => parseFaultStep(step, `${where}, ${key}[${i}]`));
  };
  const mode: FaultRule['mode'] =
    o['sequence'] !== undefined ? 'sequence' : o['pick'] !== undefined ? 'pick' : 'once';
  const faults = mode === 'once' ? [parseFaultSpec(o['fault'] ?? inline, where)] : list(mode);
  const times = o['times'];
  if (times !== undefined && (typeof times !== 'number' || !Number.isInteger(times) || times < 1))
    throw new FaultRuleError(
      `${where}: times must be a whole number of at least 1, got ${JSON.stringify(times)}.`,
    );
  const rate = o['rate'] ?? 1;
  if (typeof rate !== 'number' || !(rate >= 0 && rate <= 1))
    throw new FaultRuleError(`${where}: rate must be a number from 0 to 1, got ${JSON.stringify(rate)}.`);
  if (mode === 'sequence' && (times !== undefined || rate !== 1))
    throw new FaultRuleError(`${where}: a sequence fires step by step; it takes neither times nor rate.`);
  const countPer = o['countPer'] ?? 'scope';
  if (!COUNT_PER.includes(countPer as (typeof COUNT_PER)[number]))
    throw new FaultRuleError(`${where}: countPer must be one of ${COUNT_PER.join(', ')}.`);
  const scope = o['scope'] ?? null;
  if (scope !== null && typeof scope !== 'string')
    throw new FaultRuleError(`${where}: scope must be a string (an x-mock-test-id).`);
  return {
    id: typeof o['id'] === 'string' && o['id'] ? o['id'] : id,
    scope,
    match: parseMatch(o['match'], `${where}, match`),
    mode,
    faults,
    times: (times as number | undefined) ?? null,
    rate,
    countPer: countPer as FaultRule['countPer'],
    origin,
  };
}

function parseMatch(input: unknown, where: string): FaultMatch {
  if (input === undefined || input === null) return {};
  if (typeof input !== 'object' || Array.isArray(input))
    throw new FaultRuleError(`${where}: expected an object like { "path": "/chat/completions" }.`);
  const o = input as Record<string, unknown>;
  const match: FaultMatch = {};
  const strings = (key: string): string[] | undefined => {
    const v = o[key];
    if (v === undefined) return undefined;
    const list = Array.isArray(v) ? v : [v];
    if (!list.length || list.some((s) => typeof s !== 'string' || !s))
      throw new FaultRuleError(`${where}: ${key} must be a string or a list of strings.`);
    return list as string[];
  };
  for (const key of Object.keys(o)) {
    if (
      ![
        'method',
        'path',
        'operationId',
        'model',
        'header',
        'headers',
        'metadata',
        'apiKey',
        'stream',
      ].includes(key)
    )
      throw new FaultRuleError(
        `${where}: unknown field '${key}'; match on method, path, operationId, model, header, metadata, apiKey or stream.`,
      );
  }
  const methods = strings('method');
  if (methods) match.methods = methods.map((m) => m.toUpperCase());
  const paths = strings('path');
  if (paths) match.paths = paths.map(normalizePath);
  const operationIds = strings('operationId');
  if (operationIds) match.operationIds = operationIds;
  const models = strings('model');
  if (models) match.models = models;
  const apiKeys = strings('apiKey');
  if (apiKeys) match.apiKeys = apiKeys;
  const header = o['header'] ?? o['headers'];
  if (header !== undefined) match.headers = parseHeaderMatch(header, where);
  if (o['metadata'] !== undefined) {
    const md = o['metadata'];
    if (
      !md ||
      typeof md !== 'object' ||
      Array.isArray(md) ||
      Object.values(md).some((v) => typeof v !== 'string')
    )
      throw new FaultRuleError(`${where}: metadata must map keys to string values.`);
    match.metadata = md as Record<string, string>;
  }
  if (o['stream'] !== undefined) {
    if (typeof o['stream'] !== 'boolean') throw new FaultRuleError(`${where}: stream must be true or false.`);
    match.stream = o['stream'];
  }
  return match;
}

function parseHeaderMatch(input: unknown, where: string): Record<string, string | true> {
  if (typeof input === 'string') {
    const colon = input.indexOf(':');
    return colon === -1
      ? { [input.trim().toLowerCase()]: true }
      : { [input.slice(0, colon).trim().toLowerCase()]: input.slice(colon + 1).trim() };
  }
  if (
    !input ||
    typeof input !== 'object' ||
    Array.isArray(input) ||
    Object.values(input).some((v) => typeof v !== 'string' && v !== true)
  )
    throw new FaultRuleError(`${where}: header must be "name: value", or map names to a value or true.`);
  return Object.fromEntries(
    Object.entries(input as Record<string, string | true>).map(([k, v]) => [k.toLowerCase(), v]),
  );
}

/** `/v1/chat/completions`, `chat/completions` and `/chat/completions/` all mean `/chat/completions`. */
export function normalizePath(path: string): string {
  const p = `/${path.trim().replace(/^\/+/, '')}`.replace(/^\/v1(?=\/|$)/, '').replace(/(.)\/+$/, '$1');
  return p || '/';
}
