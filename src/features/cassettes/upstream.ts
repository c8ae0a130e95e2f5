import { OpenAIHttpError } from '../../engine/errors.js';
import type { RequestContext } from '../../engine/index.js';

export interface UpstreamOptions {
  /** The real API's base URL, e.g. `https://api.openai.com/v1` (an origin alone gets `/v1`). */
  url: string;
  /** The fetch used to reach it; in-process doors pass one that bypasses their own interception. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** Key sent when the request carries none. */
  apiKey?: string | undefined;
}

/** Request headers that belong to one hop, or to us, and must not travel upstream. */
const DROPPED_REQUEST = new Set([
  'host',
  'connection',
  'keep-alive',
  'content-length',
  'transfer-encoding',
  'accept-encoding',
  'upgrade',
  'expect',
]);
/** Response headers that describe the upstream hop (fetch has already decoded the body). */
const DROPPED_RESPONSE = new Set([
  'connection',
  'keep-alive',
  'transfer-encoding',
  'content-encoding',
  'content-length',
  'date',
]);

export function upstreamBase(url: string): URL {
  let base: URL;
  try {
    base = new URL(url);
  } catch {
    throw new TypeError(
      `openai-mock: upstream '${url}' is not a URL; pass one like https://api.openai.com/v1.`,
    );
  }
  if (base.pathname === '/' || base.pathname === '') base.pathname = '/v1';
  base.pathname = base.pathname.replace(/\/$/, '');
  return base;
}

export interface UpstreamCall {
  response: Response;
  /** Credentials that went upstream; the redactor scrubs them wherever they echo back. */
  secrets: string[];
}

/** Sends the request on to the real API as received (raw bytes, the client's key or the fallback key). */
export async function callUpstream(ctx: RequestContext, options: UpstreamOptions): Promise<UpstreamCall> {
  const base = upstreamBase(options.url);
  const path = ctx.request.path.replace(/^\/v1(?=\/|$)/, '');
  const target = new URL(`${base.pathname}${path}`, base);
  for (const [k, v] of Object.entries(ctx.query))
    for (const one of [v].flat()) target.searchParams.append(k, one);
  const headers = new Headers();
  for (const [k, v] of Object.entries(ctx.request.headers))
    if (!DROPPED_REQUEST.has(k) && !k.startsWith('x-mock-')) headers.set(k, v);
  const fallbackKey = options.apiKey;
  if (!headers.has('authorization') && !headers.has('api-key') && fallbackKey)
    headers.set('authorization', `Bearer ${fallbackKey}`);
  const secrets = [
    headers.get('authorization')?.replace(/^bearer\s+/i, ''),
    headers.get('api-key'),
    fallbackKey,
  ].filter((s): s is string => !!s);
  const method = ctx.request.method;
  let body: Uint8Array | string | undefined;
  if (method !== 'GET' && method !== 'HEAD')
    body =
      ctx.request.rawBody ?? (ctx.request.body === undefined ? undefined : JSON.stringify(ctx.request.body));
  const doFetch = options.fetch ?? globalThis.fetch;
  try {
    const response = await doFetch(target, {
      method,
      headers,
      ...(body !== undefined && { body: body as BodyInit }),
      redirect: 'manual',
    });
    return { response, secrets };
  } catch (error) {
    const cause = (error as { cause?: { code?: string; message?: string } }).cause;
    throw new OpenAIHttpError(
      502,
      `openai-mock: the upstream ${base.origin} could not be reached (${cause?.code ?? cause?.message ?? String(error)}); check --upstream and the network.`,
      {
        type: 'openai_mock_error',
        code: 'upstream_unreachable',
        headers: { 'x-should-retry': 'false' },
      },
    );
  }
}

/** The upstream's response headers worth keeping, lower-cased. */
export function upstreamHeaders(response: Response): Record<string, string> {
  const out: Record<string, string> = {};
  response.headers.forEach((value, name) => {
    if (!DROPPED_RESPONSE.has(name)) out[name] = value;
  });
  const cookies = response.headers.getSetCookie?.() ?? [];
  if (cookies.length) out['set-cookie'] = cookies.join(', ');
  return out;
}
