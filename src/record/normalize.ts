import { createHash } from 'node:crypto';
import type { RecordedRequest, RecordedRequestBody } from './format.js';

/** Request headers a cassette keeps: the ones that change what the API answers. Credentials never. */
export const DEFAULT_KEPT_HEADERS: readonly string[] = ['content-type', 'openai-beta', 'accept'];

export interface LiveRequest {
  method: string;
  path: string;
  query: Record<string, string | string[]>;
  headers: Record<string, string>;
  /** The engine's parsed body: JSON value, `MultipartBody`, bytes or undefined. */
  body: unknown;
}

/** `/chat/completions` and `/v1/chat/completions/` are the same request: `/v1/chat/completions`. */
export function canonicalPath(path: string): string {
  const p = path.length > 1 && path.endsWith('/') ? path.slice(0, -1) : path;
  if (p === '/v1' || p.startsWith('/v1/')) return p;
  return p === '/' ? '/v1' : `/v1${p}`;
}

/** A live request in the shape a cassette stores (before redaction). */
export function toRecordedRequest(
  live: LiveRequest,
  keptHeaders: readonly string[] = DEFAULT_KEPT_HEADERS,
): RecordedRequest {
  const headers: Record<string, string> = {};
  for (const name of keptHeaders) {
    const value = live.headers[name.toLowerCase()];
    // The multipart boundary is random per request; keeping it would make every upload a miss.
    if (value !== undefined)
      headers[name.toLowerCase()] =
        name.toLowerCase() === 'content-type' ? value.replace(/;\s*boundary=[^;]+/i, '') : value;
  }
  const recorded: RecordedRequest = {
    method: live.method.toUpperCase(),
    path: canonicalPath(live.path),
    query: { ...live.query },
    headers,
  };
  const body = recordBody(live.body);
  if (body) recorded.body = body;
  return recorded;
}

function recordBody(body: unknown): RecordedRequestBody | undefined {
  if (body === undefined) return undefined;
  if (body instanceof Uint8Array) return { base64: Buffer.from(body).toString('base64') };
  if (typeof body === 'string') return { text: body };
  if (body && typeof body === 'object' && (body as { kind?: unknown }).kind === 'multipart') {
    const m = body as {
      fields: Record<string, string | string[]>;
      files: Record<string, Array<{ filename: string; contentType: string; data: Uint8Array }>>;
    };
    const files = Object.fromEntries(
      Object.entries(m.files).map(([name, list]) => [
        name,
        list.map((f) => ({
          filename: f.filename,
          contentType: f.contentType,
          size: f.data.byteLength,
          sha256: sha256(f.data),
        })),
      ]),
    );
    return { multipart: { fields: { ...m.fields }, files } };
  }
  return { json: body };
}

export const sha256 = (data: Uint8Array | string) => createHash('sha256').update(data).digest('hex');

export interface MatchOptions {
  /**
   * Body fields left out of matching, as dot paths (`user`, `metadata`, `stream_options.include_usage`);
   * `*` stands for any key or array index (`messages.*.name`). @default []
   */
  ignoreBody?: readonly string[];
  /** Query parameters left out of matching. @default [] */
  ignoreQuery?: readonly string[];
  /** Last word: rewrite a request (recorded or live) before it is compared. */
  normalize?: (request: RecordedRequest) => RecordedRequest;
}

/** What two requests must share to match: method, canonical path, query and body, normalized. */
export function matchView(request: RecordedRequest, options: MatchOptions = {}) {
  const r = options.normalize ? options.normalize(request) : request;
  const query = Object.fromEntries(
    Object.entries(r.query).filter(([k]) => !options.ignoreQuery?.includes(k)),
  );
  let body: unknown = r.body;
  if (r.body && 'json' in r.body && options.ignoreBody?.length)
    body = { json: dropPaths(r.body.json, options.ignoreBody) };
  return { method: r.method, path: r.path, query, body: body ?? null };
}

export function matchKey(request: RecordedRequest, options: MatchOptions = {}): string {
  return stableJson(matchView(request, options));
}

/** JSON with sorted keys, so that key order never decides a match. */
export function stableJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(stableJson).join(',')}]`;
  if (value === undefined) return 'null';
  if (!value || typeof value !== 'object') return JSON.stringify(value);
  const record = value as Record<string, unknown>;
  const keys = Object.keys(record)
    .filter((k) => record[k] !== undefined)
    .sort();
  return `{${keys.map((k) => `${JSON.stringify(k)}:${stableJson(record[k])}`).join(',')}}`;
}

function dropPaths(value: unknown, paths: readonly string[]): unknown {
  let out = structuredClone(value);
  for (const path of paths) out = dropPath(out, path.split('.'));
  return out;
}

function dropPath(value: unknown, segments: string[]): unknown {
  if (!value || typeof value !== 'object' || segments.length === 0) return value;
  const [head, ...rest] = segments as [string, ...string[]];
  const record = value as Record<string, unknown>;
  const keys = head === '*' ? Object.keys(record) : [head];
  for (const key of keys) {
    if (!(key in record)) continue;
    if (rest.length === 0) {
      if (Array.isArray(record)) record[key as unknown as number] = null;
      else delete record[key];
    } else record[key] = dropPath(record[key], rest);
  }
  return value;
}
