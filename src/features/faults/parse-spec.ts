import {
  type Delay,
  FaultRuleError,
  type FaultSpec,
  type FaultStep,
  HTTP_FAULT_KINDS,
  type HttpFault,
  type HttpFaultKind,
} from './types.js';

const TYPES = ['http', 'reset', 'hang', 'latency', 'stream_cut', 'stream_malformed', 'slow_stream'] as const;
const TYPE_ALIASES: Record<string, (typeof TYPES)[number]> = {
  timeout: 'hang',
  malformed: 'stream_malformed',
  cut: 'stream_cut',
};
/** Keys a fault may carry (besides rule keys); short aliases come from the header's compact form. */
const SPEC_KEYS = new Set([
  'type',
  'status',
  'kind',
  'code',
  'message',
  'retryAfter',
  'retryAfterMs',
  'shouldRetry',
  'headers',
  'latencyMs',
  'jitterMs',
  'ms',
  'afterEvents',
  'afterChunks',
  'ttftMs',
  'eventIntervalMs',
  'tokensPerSecond',
]);
const SHORT_KEYS: Record<string, string> = {
  after: 'afterEvents',
  jitter: 'jitterMs',
  latency: 'latencyMs',
  interval: 'eventIntervalMs',
  ttft: 'ttftMs',
  tps: 'tokensPerSecond',
};

export const isSpecKey = (key: string) => SPEC_KEYS.has(key);

/** A sequence step: `pass`, or a fault in any of the forms `parseFaultSpec` reads. */
export function parseFaultStep(value: unknown, where: string): FaultStep {
  return value === 'pass' || value === null ? 'pass' : parseFaultSpec(value, where);
}

/**
 * A fault from a status code (`503`), a name with optional parameters (`insufficient_quota`,
 * `429; retry-after-ms=20`, `stream_cut; after=2`), or an object (`{ "status": 429, "retryAfterMs": 20 }`).
 */
export function parseFaultSpec(value: unknown, where: string): FaultSpec {
  if (typeof value === 'number') return specFromObject({ status: value }, where);
  if (typeof value === 'string') return specFromObject(parseCompact(value, where), where);
  if (value && typeof value === 'object' && !Array.isArray(value))
    return specFromObject(value as Record<string, unknown>, where);
  throw new FaultRuleError(
    `${where}: expected a status code, a fault name or an object, got ${JSON.stringify(value)}.`,
  );
}

/** `429; retry-after-ms=20; should-retry=false` → `{ status: 429, retryAfterMs: 20, shouldRetry: false }`. */
export function parseCompact(text: string, where: string): Record<string, unknown> {
  const trimmed = text.trim();
  if (trimmed.startsWith('{')) {
    try {
      return JSON.parse(trimmed) as Record<string, unknown>;
    } catch {
      throw new FaultRuleError(`${where}: not valid JSON: ${trimmed}`);
    }
  }
  const [head = '', ...params] = trimmed.split(';').map((s) => s.trim());
  const out: Record<string, unknown> = /^\d+$/.test(head) ? { status: Number(head) } : { type: head };
  for (const param of params.filter(Boolean)) {
    const eq = param.indexOf('=');
    if (eq < 1) throw new FaultRuleError(`${where}: expected key=value after ';', got '${param}'.`);
    const rawKey = param.slice(0, eq).trim();
    const camel = rawKey.replace(/-([a-z])/g, (_, c: string) => c.toUpperCase());
    const key = Object.hasOwn(SHORT_KEYS, rawKey) ? SHORT_KEYS[rawKey]! : camel;
    const v = param.slice(eq + 1).trim();
    out[key] =
      v === 'true' ? true : v === 'false' ? false : v !== '' && Number.isFinite(Number(v)) ? Number(v) : v;
  }
  return out;
}

function specFromObject(o: Record<string, unknown>, where: string): FaultSpec {
  for (const key of Object.keys(o)) {
    if (!SPEC_KEYS.has(key))
      throw new FaultRuleError(
        `${where}: unknown fault field '${key}'; see the README's "Chaos-test your retry logic".`,
      );
  }
  const num = (key: string, min = 0) => {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isFinite(v) || v < min)
      throw new FaultRuleError(
        `${where}: ${key} must be a number of at least ${min}, got ${JSON.stringify(v)}.`,
      );
    return v;
  };
  const delay: Delay = { latencyMs: num('latencyMs') ?? 0, jitterMs: num('jitterMs') ?? 0 };
  const kindName = o['kind'] ?? o['code'];
  const named = typeof o['type'] === 'string' ? o['type'] : undefined;
  let type = named !== undefined && Object.hasOwn(TYPE_ALIASES, named) ? TYPE_ALIASES[named] : named;
  let kind: HttpFaultKind | null = null;
  if (type !== undefined && Object.hasOwn(HTTP_FAULT_KINDS, type)) {
    kind = type as HttpFaultKind;
    type = 'http';
  }
  if (kindName !== undefined) {
    if (typeof kindName !== 'string' || !Object.hasOwn(HTTP_FAULT_KINDS, kindName))
      throw new FaultRuleError(
        `${where}: kind must be one of ${Object.keys(HTTP_FAULT_KINDS).join(', ')}, got ${JSON.stringify(kindName)}.`,
      );
    kind = kindName as HttpFaultKind;
  }
  if (o['type'] !== undefined && !TYPES.includes(type as (typeof TYPES)[number]))
    throw new FaultRuleError(
      `${where}: unknown fault '${String(o['type'])}'; use a status code or one of ${[...TYPES, 'timeout', ...Object.keys(HTTP_FAULT_KINDS)].join(', ')}.`,
    );
  type ??=
    o['status'] !== undefined || kind
      ? 'http'
      : o['afterEvents'] !== undefined || o['afterChunks'] !== undefined
        ? 'stream_cut'
        : o['latencyMs'] !== undefined
          ? 'latency'
          : 'http';

  switch (type) {
    case 'http':
      return { ...delay, ...httpFields(o, kind, where, num) };
    case 'reset':
    case 'latency':
      if (type === 'latency' && o['ms'] !== undefined) delay.latencyMs = num('ms') ?? 0;
      return { ...delay, type };
    case 'hang':
      return { ...delay, type, ms: num('ms') };
    case 'stream_cut':
    case 'stream_malformed':
      return { ...delay, type, afterEvents: Math.floor(num('afterEvents') ?? num('afterChunks') ?? 1) };
    default: {
      const tps = num('tokensPerSecond', 0.001);
      return {
        ...delay,
        type: 'slow_stream',
        ttftMs: num('ttftMs') ?? num('ms') ?? 0,
        eventIntervalMs: num('eventIntervalMs') ?? (tps ? 1000 / tps : 0),
      };
    }
  }
}

function httpFields(
  o: Record<string, unknown>,
  kind: HttpFaultKind | null,
  where: string,
  num: (key: string, min?: number) => number | null,
): Omit<HttpFault, keyof Delay> {
  const status = num('status') ?? (kind ? HTTP_FAULT_KINDS[kind] : 500);
  if (!Number.isInteger(status) || status < 400 || status > 599)
    throw new FaultRuleError(`${where}: status must be an HTTP error status from 400 to 599, got ${status}.`);
  if (kind && HTTP_FAULT_KINDS[kind] !== status)
    throw new FaultRuleError(
      `${where}: kind '${kind}' is sent with status ${HTTP_FAULT_KINDS[kind]}, not ${status}.`,
    );
  const shouldRetry = o['shouldRetry'];
  if (shouldRetry !== undefined && typeof shouldRetry !== 'boolean')
    throw new FaultRuleError(`${where}: shouldRetry must be true or false.`);
  const message = o['message'];
  if (message !== undefined && typeof message !== 'string')
    throw new FaultRuleError(`${where}: message must be a string.`);
  const headers = o['headers'] ?? {};
  if (
    !headers ||
    typeof headers !== 'object' ||
    Array.isArray(headers) ||
    Object.values(headers).some((v) => typeof v !== 'string')
  )
    throw new FaultRuleError(`${where}: headers must map names to string values.`);
  return {
    type: 'http',
    status,
    kind: kind ?? defaultKind(status),
    message: message ?? null,
    retryAfter: num('retryAfter'),
    retryAfterMs: num('retryAfterMs'),
    shouldRetry: shouldRetry ?? null,
    headers: Object.fromEntries(
      Object.entries(headers as Record<string, string>).map(([k, v]) => [k.toLowerCase(), v]),
    ),
  };
}

function defaultKind(status: number): HttpFaultKind | null {
  const found = Object.entries(HTTP_FAULT_KINDS).find(([, s]) => s === status);
  return found ? (found[0] as HttpFaultKind) : null;
}
