import type {
  Interaction,
  RecordedRequest,
  RecordedRequestBody,
  RecordedResponse,
  RecordedResponseBody,
} from './format.js';

/** Headers whose values never reach disk. A user list adds to these; it never replaces them. */
export const DEFAULT_REDACTED_HEADERS: readonly string[] = [
  'authorization',
  'api-key',
  'x-api-key',
  'proxy-authorization',
  'openai-organization',
  'openai-project',
  'cookie',
  'set-cookie',
];

/** OpenAI secret keys: `sk-…`, `sk-proj-…`, `sk-svcacct-…`, `sk-admin-…`. */
export const OPENAI_KEY_PATTERN = /sk-[A-Za-z0-9_-]{8,}/g;

export const REDACTED = '[REDACTED]';

export interface RedactOptions {
  /** More header names to redact (case-insensitive), added to `DEFAULT_REDACTED_HEADERS`. */
  headers?: readonly string[];
  /** More patterns to scrub from every header, query value and body string, added to the `sk-…` pattern. */
  patterns?: readonly (RegExp | string)[];
  /** JSON property names whose values are replaced wherever they appear in request and response bodies. */
  bodyFields?: readonly string[];
}

export interface Redactor {
  interaction(interaction: Interaction, secrets?: readonly string[]): Interaction;
  /** The request side alone: live requests are redacted the same way before they are matched. */
  request(request: RecordedRequest, secrets?: readonly string[]): RecordedRequest;
}

/**
 * Builds the function every interaction goes through before it is kept: credentials headers, `sk-` keys
 * anywhere, the key actually used for the request (whatever its shape), and the user's additions.
 */
export function createRedactor(options: RedactOptions = {}): Redactor {
  const headers = new Set(
    [...DEFAULT_REDACTED_HEADERS, ...(options.headers ?? [])].map((h) => h.toLowerCase()),
  );
  const patterns = [OPENAI_KEY_PATTERN, ...(options.patterns ?? []).map(toGlobal)];
  const fields = new Set(options.bodyFields ?? []);
  const build = (secrets: readonly string[]) => {
    const all = [
      ...secrets.filter((s) => s.length >= 4).map((s) => new RegExp(escapeRegExp(s), 'g')),
      ...patterns,
    ];
    const text = (s: string) => scrub(s, all, label);
    const bytes = (b64: string) => scrubBase64(b64, all);
    const value = (v: unknown) => redactValue(v, text, fields);
    const head = (h: Record<string, string>) =>
      Object.fromEntries(
        Object.entries(h).map(([k, v]) => [k, headers.has(k.toLowerCase()) ? REDACTED : text(v)]),
      );
    const request = (r: RecordedRequest): RecordedRequest => ({
      ...r,
      path: text(r.path),
      query: value(r.query) as Record<string, string | string[]>,
      headers: head(r.headers),
      ...(r.body !== undefined && { body: redactRequestBody(r.body, value, text, bytes) }),
    });
    const response = (r: RecordedResponse): RecordedResponse => ({
      ...r,
      headers: head(r.headers),
      ...(r.body !== undefined && { body: redactResponseBody(r.body, value, text, bytes) }),
    });
    return { request, response };
  };
  const plain = build([]);
  return {
    interaction(i, secrets = []) {
      const r = secrets.length ? build(secrets) : plain;
      return { request: r.request(i.request), response: r.response(i.response) };
    },
    request: (r, secrets = []) => (secrets.length ? build(secrets) : plain).request(r),
  };
}

type Scrub = (s: string) => string;

function redactRequestBody(
  body: RecordedRequestBody,
  value: (v: unknown) => unknown,
  text: Scrub,
  bytes: Scrub,
): RecordedRequestBody {
  if ('json' in body) return { json: value(body.json) };
  if ('text' in body) return { text: text(body.text) };
  if ('base64' in body) return { base64: bytes(body.base64) };
  const fields = value(body.multipart.fields) as Record<string, string | string[]>;
  return { multipart: { fields, files: body.multipart.files } };
}

function redactResponseBody(
  body: RecordedResponseBody,
  value: (v: unknown) => unknown,
  text: Scrub,
  bytes: Scrub,
): RecordedResponseBody {
  if ('json' in body) return { json: value(body.json) };
  if ('text' in body) return { text: text(body.text), contentType: body.contentType };
  if ('base64' in body) return { base64: bytes(body.base64), contentType: body.contentType };
  return { sse: body.sse.map((e) => ({ ...e, data: value(e.data) })), end: body.end };
}

function redactValue(v: unknown, text: (s: string) => string, fields: ReadonlySet<string>): unknown {
  if (typeof v === 'string') return text(v);
  if (Array.isArray(v)) return v.map((x) => redactValue(x, text, fields));
  if (!v || typeof v !== 'object') return v;
  return Object.fromEntries(
    Object.entries(v).map(([k, x]) => [text(k), fields.has(k) ? REDACTED : redactValue(x, text, fields)]),
  );
}

const label = (m: string) => (m.startsWith('sk-') ? `sk-${REDACTED}` : REDACTED);
/** Same length, so that binary formats keep their offsets. */
const mask = (m: string) => (m.startsWith('sk-') ? `sk-${'*'.repeat(m.length - 3)}` : '*'.repeat(m.length));

function scrub(s: string, patterns: readonly RegExp[], replace: (match: string) => string): string {
  let out = s;
  for (const p of patterns) {
    p.lastIndex = 0;
    if (p.test(out)) out = out.replace(p, replace);
  }
  return out;
}

/** Binary bodies are scrubbed as latin1 text with same-length masks. */
function scrubBase64(base64: string, patterns: readonly RegExp[]): string {
  const latin1 = Buffer.from(base64, 'base64').toString('latin1');
  const scrubbed = scrub(latin1, patterns, mask);
  return scrubbed === latin1 ? base64 : Buffer.from(scrubbed, 'latin1').toString('base64');
}

function toGlobal(p: RegExp | string): RegExp {
  if (typeof p === 'string') return new RegExp(escapeRegExp(p), 'g');
  return p.global ? p : new RegExp(p.source, `${p.flags}g`);
}

const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
