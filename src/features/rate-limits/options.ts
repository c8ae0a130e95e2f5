/** Rate-limit settings: what users write (options, config file, admin API) and the checked form. */

export interface LimitPair {
  /** Requests per minute. */
  rpm?: number;
  /** Tokens per minute (prompt tokens by the real tokenizer, plus the requested completion budget). */
  tpm?: number;
}

export interface RateLimitOptions extends LimitPair {
  /** Limits for particular models; a model's own values win over the defaults above. @default {} */
  models?: Record<string, LimitPair>;
  /**
   * Whose buckets a request drains: one set per API key (the real API limits per organization, and a
   * key stands in for one), one set for everybody, or one per `x-mock-test-id`. @default 'key'
   */
  per?: 'key' | 'global' | 'scope';
  /** Organization named in 429 messages when a request sends no `OpenAI-Organization` header. @default 'org-mock' */
  organization?: string;
}

export interface Limits {
  rpm: number | null;
  tpm: number | null;
}

export interface ResolvedRateLimits {
  defaults: Limits;
  models: ReadonlyMap<string, Limits>;
  per: 'key' | 'global' | 'scope';
  organization: string;
}

export class RateLimitConfigError extends Error {
  override name = 'RateLimitConfigError';
  readonly code = 'OPENAI_MOCK_BAD_RATE_LIMITS';
}

const PER = ['key', 'global', 'scope'] as const;

/** Checks user input; `null` means rate limits are off (`false`, `null`, `undefined` or no limit at all). */
export function resolveRateLimits(input: unknown, where = 'rateLimits'): ResolvedRateLimits | null {
  if (input === undefined || input === null || input === false) return null;
  if (typeof input !== 'object' || Array.isArray(input))
    throw new RateLimitConfigError(`${where} must be an object like { "rpm": 60, "tpm": 10000 }, or false.`);
  const o = input as Record<string, unknown>;
  for (const key of Object.keys(o)) {
    if (!['rpm', 'tpm', 'models', 'per', 'organization'].includes(key))
      throw new RateLimitConfigError(
        `${where}: unknown option '${key}'; use rpm, tpm, models, per or organization.`,
      );
  }
  const defaults = limitPair(o, where);
  const models = new Map<string, Limits>();
  if (o['models'] !== undefined) {
    if (!o['models'] || typeof o['models'] !== 'object' || Array.isArray(o['models']))
      throw new RateLimitConfigError(
        `${where}.models must map model ids to { rpm, tpm }, e.g. { "gpt-4o": { "rpm": 500 } }.`,
      );
    for (const [model, pair] of Object.entries(o['models'] as Record<string, unknown>)) {
      if (!pair || typeof pair !== 'object' || Array.isArray(pair))
        throw new RateLimitConfigError(
          `${where}.models.${model} must be an object like { "rpm": 500, "tpm": 30000 }.`,
        );
      const own = limitPair(pair as Record<string, unknown>, `${where}.models.${model}`);
      models.set(model, { rpm: own.rpm ?? defaults.rpm, tpm: own.tpm ?? defaults.tpm });
    }
  }
  const per = o['per'] ?? 'key';
  if (!PER.includes(per as (typeof PER)[number]))
    throw new RateLimitConfigError(
      `${where}.per must be one of ${PER.join(', ')}, got ${JSON.stringify(per)}.`,
    );
  const organization = o['organization'] ?? 'org-mock';
  if (typeof organization !== 'string' || !organization)
    throw new RateLimitConfigError(`${where}.organization must be a non-empty string.`);
  if (defaults.rpm === null && defaults.tpm === null && models.size === 0) return null;
  return { defaults, models, per: per as ResolvedRateLimits['per'], organization };
}

function limitPair(o: Record<string, unknown>, where: string): Limits {
  const read = (key: 'rpm' | 'tpm') => {
    const v = o[key];
    if (v === undefined || v === null) return null;
    if (typeof v !== 'number' || !Number.isInteger(v) || v < 1)
      throw new RateLimitConfigError(
        `${where}.${key} must be a whole number of at least 1, got ${JSON.stringify(v)}.`,
      );
    return v;
  };
  return { rpm: read('rpm'), tpm: read('tpm') };
}

/** The limits that apply to a model, or null when it is not limited. */
export function limitsFor(limits: ResolvedRateLimits, model: string): Limits | null {
  const own = limits.models.get(model) ?? limits.defaults;
  return own.rpm === null && own.tpm === null ? null : own;
}

/** The CLI form `RPM[:TPM]` (`60`, `60:10000`, `:10000` for tokens only). */
export function parseRateLimitSpec(text: string): RateLimitOptions {
  const m = /^\s*(\d*)\s*(?::\s*(\d+)\s*)?$/.exec(text);
  const rpm = m?.[1] ? Number(m[1]) : undefined;
  const tpm = m?.[2] ? Number(m[2]) : undefined;
  if (!m || (rpm === undefined && tpm === undefined) || rpm === 0 || tpm === 0)
    throw new RateLimitConfigError(
      `--rate-limit must be RPM[:TPM] with whole numbers of at least 1, e.g. 60 or 60:10000 or :10000, got '${text}'.`,
    );
  return { ...(rpm !== undefined && { rpm }), ...(tpm !== undefined && { tpm }) };
}
