import { createHash } from 'node:crypto';
import type { MockRequest } from '../../engine/types.js';

/**
 * "The same request", for any client: method, path (with or without `/v1`), query and a hash of the body.
 * Multipart bodies get a fresh boundary on every attempt from most clients, so the boundary is left out.
 */
export function requestIdentity(request: MockRequest): string {
  const hash = createHash('sha1');
  hash.update(`${request.method} ${withoutV1(request.path)}?${queryKey(request.query)}\n`);
  const raw = request.rawBody;
  if (raw !== undefined) {
    const boundary = multipartBoundary(request.headers['content-type']);
    if (boundary) hash.update(Buffer.from(raw).toString('latin1').replaceAll(boundary, ''), 'latin1');
    else hash.update(raw);
  } else if (request.body !== undefined) hash.update(JSON.stringify(request.body));
  return hash.digest('base64');
}

/** The idempotency key a client sent, if any. */
export const idempotencyKey = (request: MockRequest): string | null =>
  request.headers['idempotency-key'] ?? null;

export const withoutV1 = (path: string): string => (path.startsWith('/v1/') ? path.slice(3) : path);

function queryKey(query: Record<string, string | string[]>): string {
  const keys = Object.keys(query);
  if (!keys.length) return '';
  return JSON.stringify(keys.sort().map((k) => [k, query[k]]));
}

function multipartBoundary(contentType: string | undefined): string | null {
  if (!contentType?.toLowerCase().startsWith('multipart/')) return null;
  const match = /boundary="?([^";]+)"?/i.exec(contentType);
  return match?.[1] ?? null;
}
