import { STATUS_CODES } from 'node:http';
import type { RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { MockResponse } from '../../engine/types.js';
import { formatDuration } from '../rate-limits/duration.js';
import { rateLimitError } from '../rate-limits/messages.js';
import { requestTokens } from '../rate-limits/request-tokens.js';
import type { HttpFault } from './types.js';

// Limits the canned 429s quote (a tier-1 gpt-4o account), so their numbers add up.
const FAULT_RPM = 500;
const FAULT_TPM = 30_000;

/** An HTTP failure as the real API (or the gateway in front of it) sends it, plus the retry hints asked for. */
export function httpFaultResponse(ctx: RequestContext, spec: HttpFault): MockResponse {
  const response = baseResponse(ctx, spec);
  const headers = response.headers;
  // Retry hints only when asked: their absence is a case clients must handle too.
  delete headers['retry-after'];
  delete headers['retry-after-ms'];
  if (spec.retryAfter !== null) headers['retry-after'] = String(spec.retryAfter);
  if (spec.retryAfterMs !== null) headers['retry-after-ms'] = String(spec.retryAfterMs);
  if (spec.shouldRetry !== null) headers['x-should-retry'] = String(spec.shouldRetry);
  Object.assign(headers, spec.headers);
  return response;
}

function baseResponse(ctx: RequestContext, spec: HttpFault): MockResponse {
  const error = (message: string, type: string, code: string | null, headers: Record<string, string> = {}) =>
    new OpenAIHttpError(spec.status, spec.message ?? message, { type, code, headers }).toResponse();
  switch (spec.kind) {
    case 'rate_limit':
    case 'rate_limit_tokens':
      return rateLimitFault(ctx, spec);
    case 'insufficient_quota':
      // The official SDKs retry every 429 unless told not to; a quota error never clears by waiting.
      return error(
        'You exceeded your current quota, please check your plan and billing details. For more information on this error, read the docs: https://platform.openai.com/docs/guides/error-codes/api-errors.',
        'insufficient_quota',
        'insufficient_quota',
        { 'x-should-retry': 'false' },
      );
    case 'server_error':
      return error(
        `The server had an error processing your request. Sorry about that! You can retry your request, or contact us through our help center at help.openai.com if you keep seeing this error. (Please include the request ID ${ctx.requestId} in your email.)`,
        'server_error',
        null,
      );
    case 'overloaded':
      return error('The engine is currently overloaded, please try again later', 'server_error', null);
    case 'bad_gateway':
    case 'gateway_timeout':
      return gatewayPage(spec);
    case 'request_timeout':
      return error('Request timed out.', 'invalid_request_error', 'request_timeout');
    case 'conflict':
      return error(
        'The request conflicted with another request in progress. Please retry.',
        'invalid_request_error',
        'conflict',
      );
    default:
      return error(
        `${STATUS_CODES[spec.status] ?? 'Error'}.`,
        spec.status >= 500 ? 'server_error' : 'invalid_request_error',
        null,
      );
  }
}

/** "Rate limit reached for … on requests per min (RPM): Limit 500, Used 500, Requested 1. Please try again in 120ms." */
function rateLimitFault(ctx: RequestContext, spec: HttpFault): MockResponse {
  const kind = spec.kind === 'rate_limit_tokens' ? 'tokens' : 'requests';
  const limit = kind === 'tokens' ? FAULT_TPM : FAULT_RPM;
  const model = ctx.model;
  const requested =
    kind === 'tokens' ? Math.min(limit, Math.max(1, model ? requestTokens(ctx.body, model) : 1)) : 1;
  const asked = spec.retryAfterMs ?? (spec.retryAfter !== null ? spec.retryAfter * 1000 : null);
  const waitMs = asked ?? Math.ceil((requested * 60_000) / limit);
  const headers = {
    [`x-ratelimit-limit-${kind}`]: String(limit),
    [`x-ratelimit-remaining-${kind}`]: '0',
    [`x-ratelimit-reset-${kind}`]: formatDuration(waitMs),
  };
  const organization = ctx.request.headers['openai-organization'] ?? 'org-mock';
  const response = rateLimitError({
    kind,
    model,
    organization,
    limit,
    used: limit,
    requested,
    waitMs,
    headers,
  }).toResponse();
  if (spec.message !== null)
    (response.body as { value: { error: { message: string } } }).value.error.message = spec.message;
  return response;
}

/** 502 and 504 come from the CDN in front of the API, as an HTML page rather than JSON. */
function gatewayPage(spec: HttpFault): MockResponse {
  const title = `${spec.status} ${spec.status === 504 ? 'Gateway Time-out' : (STATUS_CODES[spec.status] ?? 'Error')}`;
  const value =
    spec.message ??
    `<html>\r\n<head><title>${title}</title></head>\r\n<body>\r\n<center><h1>${title}</h1></center>\r\n<hr><center>cloudflare</center>\r\n</body>\r\n</html>\r\n`;
  return {
    status: spec.status,
    headers: { server: 'cloudflare' },
    body: { kind: 'text', value, contentType: 'text/html' },
  };
}
