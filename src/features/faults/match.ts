import type { RequestContext } from '../../engine/context.js';
import { normalizePath } from './parse-rule.js';
import type { FaultMatch, FaultRule } from './types.js';

// Normalized once per request, however many rules look at it.
const normalized = new WeakMap<RequestContext, string>();
const STREAM_TYPES = new Set(['stream_cut', 'stream_malformed', 'slow_stream']);

/** Whether a rule applies to this request (its scope, its `match`, and stream faults only to streams). */
export function ruleMatches(rule: FaultRule, ctx: RequestContext): boolean {
  if (rule.scope !== null && rule.scope !== ctx.scope) return false;
  // A rule that only cuts or slows streams would waste its count on plain requests.
  if (rule.mode === 'once' && STREAM_TYPES.has((rule.faults[0] as { type: string }).type) && !ctx.stream)
    return false;
  return matches(rule.match, ctx);
}

export function matches(match: FaultMatch, ctx: RequestContext): boolean {
  if (match.methods && !match.methods.includes(ctx.request.method.toUpperCase())) return false;
  if (match.paths && !match.paths.some((p) => pathMatches(p, ctx))) return false;
  if (match.operationIds && !match.operationIds.includes(ctx.operation.id)) return false;
  if (match.models && (ctx.model === null || !match.models.includes(ctx.model))) return false;
  if (match.apiKeys && (ctx.apiKey === null || !match.apiKeys.includes(ctx.apiKey))) return false;
  if (match.stream !== undefined && match.stream !== ctx.stream) return false;
  if (match.headers) {
    for (const [name, want] of Object.entries(match.headers)) {
      const got = ctx.request.headers[name];
      if (got === undefined || (want !== true && got !== want)) return false;
    }
  }
  if (match.metadata) {
    const md = (ctx.body as { metadata?: unknown } | null | undefined)?.metadata;
    if (!md || typeof md !== 'object') return false;
    for (const [key, want] of Object.entries(match.metadata))
      if ((md as Record<string, unknown>)[key] !== want) return false;
  }
  return true;
}

/** The request path without `/v1`, compared as written, as the operation's template, or as a `*` prefix. */
function pathMatches(pattern: string, ctx: RequestContext): boolean {
  let path = normalized.get(ctx);
  if (path === undefined) {
    path = normalizePath(ctx.request.path);
    normalized.set(ctx, path);
  }
  if (pattern.endsWith('*')) return path.startsWith(pattern.slice(0, -1));
  return pattern === path || pattern === ctx.operation.path;
}
