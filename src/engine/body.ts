import { apiErrors } from './errors.js';
import { DEFAULT_LIMITS } from './options.js';
import type { MockRequest, MultipartBody, MultipartFile } from './types.js';

/**
 * Parses a request's raw bytes by content type. Lives in the engine so that malformed JSON and multipart get
 * the same answer behind every door.
 */
export async function parseBody(request: MockRequest, limits: BodyLimits = DEFAULT_LIMITS): Promise<unknown> {
  if (request.body !== undefined || !request.rawBody || request.rawBody.byteLength === 0) return request.body;
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  const bytes = request.rawBody;
  if (contentType.startsWith('multipart/form-data'))
    return parseMultipart(bytes, request.headers['content-type']!);
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes)));
  }
  // Declared JSON is JSON; anything else is read as JSON only when it looks like it (no header, or the wrong
  // one: the content-type check refuses that in strict mode, warn mode answers it as JSON).
  const declared = contentType.includes('json') || contentType.startsWith('text/plain');
  {
    let text: string;
    try {
      text = strictUtf8.decode(bytes);
    } catch {
      // Not UTF-8, so not JSON: a silent U+FFFD in place of the bad bytes would answer something else than asked.
      if (!declared) return bytes;
      throw apiErrors.malformedJson();
    }
    if (!declared && !/^\s*[[{"]/.test(text)) return bytes;
    let value: unknown;
    try {
      value = JSON.parse(text);
    } catch {
      throw apiErrors.malformedJson();
    }
    if (nestedDeeperThan(value, limits.jsonDepth)) throw apiErrors.jsonTooDeep(limits.jsonDepth);
    return value;
  }
}

const strictUtf8 = new TextDecoder('utf-8', { fatal: true });

export interface BodyLimits {
  /** Deepest nesting of arrays and objects accepted in a JSON body. */
  jsonDepth: number;
}

/**
 * Whether arrays and objects nest more than `limit` levels deep, found without recursion. Everything after
 * parsing (validation, sampling, hashing, redaction, cassettes) walks bodies recursively, so a body 10,000
 * levels deep overflowed the stack somewhere and answered 500; past the limit it never gets that far.
 */
export function nestedDeeperThan(value: unknown, limit: number): boolean {
  if (value === null || typeof value !== 'object') return false;
  const stack: unknown[] = [value];
  const depths: number[] = [1];
  while (stack.length > 0) {
    const node = stack.pop() as object;
    const depth = depths.pop() as number;
    if (depth > limit) return true;
    for (const child of Array.isArray(node) ? node : Object.values(node)) {
      if (child !== null && typeof child === 'object') {
        stack.push(child);
        depths.push(depth + 1);
      }
    }
  }
  return false;
}

/** Uses the runtime's own multipart parser (undici's FormData) rather than a hand-written one. */
async function parseMultipart(bytes: Uint8Array, contentType: string): Promise<MultipartBody> {
  let form: FormData;
  try {
    form = await new Response(bytes as Uint8Array<ArrayBuffer>, {
      headers: { 'content-type': contentType },
    }).formData();
  } catch {
    throw apiErrors.malformedMultipart();
  }
  const body: MultipartBody = { kind: 'multipart', fields: {}, files: {} };
  for (const [name, value] of form.entries()) {
    if (typeof value === 'string') {
      const prev = body.fields[name];
      body.fields[name] = prev === undefined ? value : [...(Array.isArray(prev) ? prev : [prev]), value];
    } else {
      const file: MultipartFile = {
        filename: value.name,
        contentType: value.type || 'application/octet-stream',
        data: new Uint8Array(await value.arrayBuffer()),
      };
      const list = body.files[name] ?? [];
      list.push(file);
      body.files[name] = list;
    }
  }
  return body;
}

export function isMultipart(body: unknown): body is MultipartBody {
  return !!body && typeof body === 'object' && (body as MultipartBody).kind === 'multipart';
}
