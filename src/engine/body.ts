import { apiErrors } from './errors.js';
import type { MockRequest, MultipartBody, MultipartFile } from './types.js';

/**
 * Parses a request's raw bytes by content type. Lives in the engine so that malformed JSON and multipart get
 * the same answer behind every door.
 */
export async function parseBody(request: MockRequest): Promise<unknown> {
  if (request.body !== undefined || !request.rawBody || request.rawBody.byteLength === 0) return request.body;
  const contentType = (request.headers['content-type'] ?? '').toLowerCase();
  const bytes = request.rawBody;
  if (contentType.startsWith('multipart/form-data'))
    return parseMultipart(bytes, request.headers['content-type']!);
  if (contentType.includes('json') || contentType === '' || contentType.startsWith('text/plain')) {
    const text = new TextDecoder().decode(bytes);
    if (contentType === '' && !/^\s*[[{"]/.test(text)) return bytes;
    try {
      return JSON.parse(text);
    } catch {
      throw apiErrors.malformedJson();
    }
  }
  if (contentType.startsWith('application/x-www-form-urlencoded')) {
    return Object.fromEntries(new URLSearchParams(new TextDecoder().decode(bytes)));
  }
  return bytes;
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
