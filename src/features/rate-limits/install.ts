import { adminJson, adminNoContent, adminObjectBody } from '../../engine/admin.js';
import type { EngineCore, RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { EngineFeature } from '../../engine/feature.js';
import type { MockResponse } from '../../engine/types.js';
import { type BucketState, createLimiter } from './limiter.js';
import { rateLimitError } from './messages.js';
import {
  limitsFor,
  RateLimitConfigError,
  type RateLimitOptions,
  type ResolvedRateLimits,
  resolveRateLimits,
} from './options.js';
import { requestTokens } from './request-tokens.js';

/** What `engine.rateLimits` offers. */
export interface RateLimitsApi {
  /** The limits in force, or null while rate limiting is off. */
  readonly config: ResolvedRateLimits | null;
  /** Turns limits on or changes them at run time; `false` turns them off. `reset()` restores the startup settings. */
  configure(options: RateLimitOptions | false): void;
  /** Every bucket as it stands now (on the engine's clock). */
  state(): BucketState[];
  /** Fills every bucket. */
  refill(): void;
}

/**
 * Per-minute request and token limits like the real API's: token buckets per API key (or global, or per test),
 * per-model limits, the `x-ratelimit-*` headers on every limited response, and the real 429. Off unless
 * `features.rateLimits` (or `configure`) sets a limit. Runs in the `rate-limits` slot, after faults.
 */
export function installRateLimits(engine: EngineCore, options: RateLimitOptions | undefined): RateLimitsApi {
  const startup = resolveRateLimits(options, 'features.rateLimits');
  let config = startup;
  const limiter = createLimiter(engine.options.limits.tableEntries);

  engine.use('rate-limits', async (ctx, next) => {
    const model = ctx.model;
    const limits = config && model !== null ? limitsFor(config, model) : null;
    if (!config || !limits || model === null) return next();
    const tokens = limits.tpm === null ? 0 : requestTokens(ctx.body, model);
    const { hit, headers } = limiter.take(
      `${bucketOwner(ctx, config)}|${model}`,
      limits,
      tokens,
      engine.clock.now(),
    );
    if (hit) {
      ctx.fault = { ruleId: 'rate-limits', type: `rate_limit_${hit.kind}`, status: 429 };
      const organization = ctx.request.headers['openai-organization'] ?? config.organization;
      return rateLimitError({ ...hit, model, organization, headers }).toResponse();
    }
    // Errors from further down still carry the headers, as the real API's do.
    const response: MockResponse = await next().catch((error: unknown) => {
      if (error instanceof OpenAIHttpError) return error.toResponse();
      throw error;
    });
    for (const [name, value] of Object.entries(headers)) response.headers[name] ??= value;
    return response;
  });

  const api: RateLimitsApi = {
    get config() {
      return config;
    },
    configure(next) {
      config = resolveRateLimits(next, 'rate limits');
      limiter.clear();
    },
    state: () => limiter.state(engine.clock.now()),
    refill: () => limiter.clear(),
  };

  const describe = () =>
    adminJson({
      enabled: config !== null,
      ...(config && {
        rpm: config.defaults.rpm,
        tpm: config.defaults.tpm,
        models: Object.fromEntries(config.models),
        per: config.per,
        organization: config.organization,
      }),
      buckets: api.state(),
    });
  engine.admin.route('GET', 'rate-limits', describe);
  engine.admin.route('PUT', 'rate-limits', (req) => {
    try {
      api.configure(
        adminObjectBody(req, 'rate limits, e.g. { "rpm": 60, "tpm": 10000 }') as RateLimitOptions,
      );
    } catch (error) {
      if (error instanceof RateLimitConfigError) throw new OpenAIHttpError(400, error.message);
      throw error;
    }
    return describe();
  });
  engine.admin.route('DELETE', 'rate-limits', () => {
    api.configure(false);
    return adminNoContent();
  });
  engine.admin.route('POST', 'rate-limits/refill', () => {
    api.refill();
    return adminNoContent();
  });
  engine.onReset(() => {
    config = startup;
    limiter.clear();
  });
  return api;
}

function bucketOwner(ctx: RequestContext, config: ResolvedRateLimits): string {
  if (config.per === 'global') return '*';
  if (config.per === 'scope') return `scope:${ctx.scope ?? ''}`;
  return `key:${ctx.apiKey ?? ''}`;
}

/** Rate limits as an engine feature: `features.rateLimits`, `engine.rateLimits`. */
export const rateLimitsFeature: EngineFeature<'rateLimits', RateLimitOptions, RateLimitsApi> = {
  name: 'rateLimits',
  install: installRateLimits,
};
