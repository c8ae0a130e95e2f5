export { formatDuration } from './duration.js';
export { installRateLimits, type RateLimitsApi, rateLimitsFeature } from './install.js';
export type { BucketState } from './limiter.js';
export { type LimitKind, type RateLimitHit, rateLimitError } from './messages.js';
export {
  type LimitPair,
  parseRateLimitSpec,
  RateLimitConfigError,
  type RateLimitOptions,
  type ResolvedRateLimits,
  resolveRateLimits,
} from './options.js';
export { requestTokens } from './request-tokens.js';
