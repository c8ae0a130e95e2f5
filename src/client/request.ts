// Builds what goes on the wire for one call: URL with query, headers (auth, organization, idempotency
// key, defaults, per-call overrides), and the encoded body. Shared by every attempt of the call.

import type { HeadersInput, QueryInput } from './options.js';

export type HttpMethod = 'get' | 'post' | 'put' | 'patch' | 'delete';

export interface RequestIdentity {
  apiKey: string;
  organization: string | null | undefined;
  project: string | null | undefined;
}

const VERSION = '0.1.0';

/** Joins base URL and path and appends the merged query (undefined and null values are skipped). */
export function buildURL(baseURL: string, path: string, ...queries: Array<QueryInput | undefined>): string {
  const url = new URL(baseURL.replace(/\/+$/, '') + (path.startsWith('/') ? path : `/${path}`));
  for (const query of queries) {
    for (const [key, value] of Object.entries(query ?? {})) {
      url.searchParams.delete(key);
      if (Array.isArray(value)) for (const item of value) url.searchParams.append(key, String(item));
      else if (value !== undefined && value !== null) url.searchParams.set(key, String(value));
    }
  }
  return url.toString();
}

/**
 * A body made per attempt (uploads): a FormData, or a stream fetch sends as it reads. `oneShot` says why
 * it cannot be sent again, when it cannot (a bare stream); such a call is not retried.
 */
export interface LazyBody {
  readonly kind: 'lazy-body';
  readonly contentType: string | undefined;
  readonly oneShot: string | undefined;
  open(attempt: number): Promise<BodyInit>;
}

export function isLazyBody(body: unknown): body is LazyBody {
  return typeof body === 'object' && body !== null && (body as { kind?: unknown }).kind === 'lazy-body';
}

export function newBoundary(): string {
  return `----openai-mock-client-${globalThis.crypto.randomUUID()}`;
}

export interface EncodedBody {
  body: BodyInit | LazyBody | undefined;
  contentType: string | undefined;
}

/** JSON for plain values; FormData, binary and lazy bodies pass through for fetch to frame. */
export function encodeBody(body: unknown): EncodedBody {
  if (body === undefined) return { body: undefined, contentType: undefined };
  if (isLazyBody(body)) return { body, contentType: body.contentType };
  if (body instanceof FormData || body instanceof Blob || body instanceof URLSearchParams) {
    return { body, contentType: undefined };
  }
  if (body instanceof Uint8Array || body instanceof ArrayBuffer) {
    return { body: body as BodyInit, contentType: 'application/octet-stream' };
  }
  return { body: JSON.stringify(body), contentType: 'application/json' };
}

/** A fresh key per call; the same key is reused by all attempts of that call. */
export function newIdempotencyKey(): string {
  return `openai-mock-client-${globalThis.crypto.randomUUID()}`;
}

export interface HeaderLayers {
  identity: RequestIdentity;
  method: HttpMethod;
  contentType: string | undefined;
  idempotencyKey: string | undefined;
  defaultHeaders: HeadersInput | undefined;
  headers: HeadersInput | undefined;
}

/** Layers, lowest first: client-set, body framing, `defaultHeaders`, per-call `headers` (null removes). */
export function buildHeaders(layers: HeaderLayers): Headers {
  const headers = new Headers({ accept: 'application/json', 'user-agent': `openai-mock-client/${VERSION}` });
  headers.set('authorization', `Bearer ${layers.identity.apiKey}`);
  if (layers.identity.organization) headers.set('openai-organization', layers.identity.organization);
  if (layers.identity.project) headers.set('openai-project', layers.identity.project);
  if (layers.method !== 'get' && layers.idempotencyKey) headers.set('idempotency-key', layers.idempotencyKey);
  if (layers.contentType) headers.set('content-type', layers.contentType);
  for (const layer of [layers.defaultHeaders, layers.headers]) {
    for (const [name, value] of Object.entries(layer ?? {})) {
      if (value === null) headers.delete(name);
      else if (value !== undefined) headers.set(name, value);
    }
  }
  return headers;
}
