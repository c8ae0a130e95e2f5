import { OpenAIHttpError } from '../../engine/errors.js';
import type { RequestContext } from '../../engine/index.js';

export interface UpstreamOptions {
  /** The real API's base URL, e.g. `https://api.openai.com/v1` (an origin alone gets `/v1`). */
  url: string;
  /** The fetch used to reach it; in-process doors pass one that bypasses their own interception. @default globalThis.fetch */
  fetch?: typeof fetch | undefined;
  /** The recorder's own key: what authenticates upstream (the client's key is dropped). */
  apiKey?: string | undefined;
  /** Send the client's own `authorization` / `api-key` upstream instead (falling back to `apiKey`). @default false */
  forwardClientKey?: boolean | undefined;
  /** Where `apiKey` came from, for the message when there is none, e.g. `$OPENAI_API_KEY`. */
  keySource?: string | undefined;
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

/** The client's credentials: replaced by the recorder's own key unless forwarding was asked for. */
const CLIENT_KEY_HEADERS = new Set(['authorization', 'api-key']);

function noKeyError(source = '$OPENAI_API_KEY'): OpenAIHttpError {
  return new OpenAIHttpError(
    401,
    `openai-mock: no key for the upstream: set ${source} in the recorder's environment (or forward the client's key with --forward-client-key / forwardClientKey: true).`,
    { type: 'openai_mock_error', code: 'upstream_key_missing', headers: { 'x-should-retry': 'false' } },
  );
}

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

/**
 * Sends the request on to the real API as received (raw bytes), authenticated with the recorder's own key:
 * a client pointed at the mock usually holds a dummy key, and CI holds the real one in the environment.
 */
export async function callUpstream(ctx: RequestContext, options: UpstreamOptions): Promise<UpstreamCall> {
  const base = upstreamBase(options.url);
  const path = ctx.request.path.replace(/^\/v1(?=\/|$)/, '');
  const target = new URL(`${base.pathname}${path}`, base);
  for (const [k, v] of Object.entries(ctx.query))
    for (const one of [v].flat()) target.searchParams.append(k, one);
  const headers = new Headers();
  const forward = options.forwardClientKey === true;
  for (const [k, v] of Object.entries(ctx.request.headers))
    if (!DROPPED_REQUEST.has(k) && !k.startsWith('x-mock-') && (forward || !CLIENT_KEY_HEADERS.has(k)))
      headers.set(k, v);
  const ownKey = options.apiKey;
  if (!headers.has('authorization') && !headers.has('api-key')) {
    if (!ownKey) throw noKeyError(options.keySource);
    headers.set('authorization', `Bearer ${ownKey}`);
  }
  const secrets = [
    headers.get('authorization')?.replace(/^bearer\s+/i, ''),
    headers.get('api-key'),
    ownKey,
    // The client's key never went upstream but still must not reach disk.
    ctx.request.headers['authorization']?.replace(/^bearer\s+/i, ''),
    ctx.request.headers['api-key'],
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
