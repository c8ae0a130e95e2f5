import type { EngineCore, RequestContext } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import type { MockResponse, SseEvent } from '../../engine/types.js';
import { canonicalJson, sampleSchema } from '../../fixtures/index.js';
import { realisticHints } from './realistic-values.js';

/**
 * A value for `schema` (of the document) drawn from `label`'s sub-stream of the request's randomness, with
 * the realistic-value hints (names, titles, e-mails, companies, …) of the generic layer.
 */
export function sampleFor(ctx: RequestContext, schema: unknown, label: string): unknown {
  const contract = ctx.engine.contract!;
  return sampleSchema(schema, {
    random: ctx.random.fork(label),
    resolveRef: (ref) => contract.resolveRef(ref),
    now: ctx.engine.timestamp(),
    hints: realisticHints(contract),
    ...(ctx.model !== null && { model: ctx.model }),
  });
}

/**
 * Answers an operation from its success schema alone: deterministic by seed, valid against the document,
 * with path parameters echoed into the ids they name. What the resource layer uses for operations that
 * keep no state (search, usage reports, realtime calls), and what `missingResources: 'generate'` answers
 * for ids nobody created.
 */
export function respondFromSchema(ctx: RequestContext): MockResponse {
  const success = ctx.operation.success;
  if (!success || !ctx.engine.contract) {
    throw new OpenAIHttpError(
      501,
      `${ctx.operation.id} is not simulated when the server runs without an OpenAPI document.`,
    );
  }
  const types = Object.keys(success.content);
  const wantsStream = ctx.body?.stream === true && types.includes('text/event-stream');
  const contentType = wantsStream ? 'text/event-stream' : (types.find((t) => t.includes('json')) ?? types[0]);
  if (!contentType) return { status: success.status, headers: {}, body: { kind: 'none' } };
  const schema = success.content[contentType];
  const sample = (label: string) => lastPage(echoPathParams(sampleFor(ctx, schema, label), ctx));

  if (contentType === 'text/event-stream') {
    return {
      status: success.status,
      headers: {},
      body: { kind: 'sse', events: sampledEvents(() => sample('event'), 3) },
    };
  }
  if (contentType.includes('json')) {
    const value =
      ctx.request.method === 'GET' ? memoized(ctx, () => sample('body')) : freshId(ctx, sample('body'));
    return { status: success.status, headers: {}, body: { kind: 'json', value } };
  }
  if (contentType.startsWith('text/') || contentType === 'application/sdp') {
    return {
      status: success.status,
      headers: {},
      body: { kind: 'text', value: placeholderText(contentType), contentType },
    };
  }
  return {
    status: success.status,
    headers: {},
    body: { kind: 'bytes', value: placeholderBytes(contentType), contentType },
  };
}

const MEMO_LIMIT = 1000;
const memos = new WeakMap<EngineCore, Map<string, unknown>>();

/**
 * A GET is answered from its request alone (same seed, same request, same body), so its sample is kept:
 * sampling costs more than the rest of the request. Frozen, because every later answer shares it.
 */
function memoized(ctx: RequestContext, make: () => unknown): unknown {
  let memo = memos.get(ctx.engine);
  if (!memo) {
    const created = new Map<string, unknown>();
    memos.set(ctx.engine, created);
    ctx.engine.onReset(() => created.clear());
    memo = created;
  }
  const key = `${ctx.operation.id} ${canonicalJson(ctx.params)} ${canonicalJson(ctx.query)}`;
  if (memo.has(key)) return memo.get(key);
  const value = deepFreeze(make());
  if (memo.size >= MEMO_LIMIT) memo.delete(memo.keys().next().value!);
  memo.set(key, value);
  return value;
}

function deepFreeze<T>(value: T): T {
  if (value && typeof value === 'object' && !Object.isFrozen(value)) {
    Object.freeze(value);
    for (const v of Object.values(value)) deepFreeze(v);
  }
  return value;
}

/**
 * Objects a POST creates get a new id each time: two identical create requests make two objects, and ids
 * are unique within a run. An id echoed from the path (`POST /assistants/{id}` modifies) stays.
 */
function freshId(ctx: RequestContext, value: unknown): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const id = obj['id'];
  if (typeof id !== 'string' || Object.values(ctx.params).includes(id)) return value;
  const prefix = /^[a-z]+[-_]/i.exec(id)?.[0];
  if (prefix)
    obj['id'] = ctx.engine.ids.next(prefix, ctx.random.fork('id'), { length: id.length - prefix.length });
  return value;
}

/**
 * A generated list is one whole page: `has_more: true` on every page would send the SDK's `for await`
 * after the last id again and again, for ever.
 */
function lastPage(value: unknown): unknown {
  if (value && typeof value === 'object' && !Array.isArray(value)) {
    const page = value as Record<string, unknown>;
    if (Array.isArray(page['data']) && typeof page['has_more'] === 'boolean') {
      page['has_more'] = false;
      if ('next_page' in page) page['next_page'] = null;
    }
  }
  return value;
}

/** `GET /assistants/{assistant_id}` answers with that id; `…/{thread_id}/…` fills `thread_id`. */
export function echoPathParams(value: unknown, ctx: RequestContext): unknown {
  if (!value || typeof value !== 'object' || Array.isArray(value)) return value;
  const obj = value as Record<string, unknown>;
  const segments = ctx.operation.path.split('/');
  const last = segments[segments.length - 1] ?? '';
  for (const [name, param] of Object.entries(ctx.params)) {
    if (typeof obj[name] === 'string') obj[name] = param;
  }
  const lastParam = /^\{(.+)\}$/.exec(last)?.[1];
  if (lastParam && typeof obj['id'] === 'string' && ctx.params[lastParam]) obj['id'] = ctx.params[lastParam];
  return obj;
}

async function* sampledEvents(sample: () => unknown, count: number): AsyncIterable<SseEvent> {
  for (let i = 0; i < count; i++) {
    const value = sample();
    // Assistants-style events carry their name beside the payload.
    if (value && typeof value === 'object' && 'event' in value && 'data' in value) {
      const { event, data } = value as { event: unknown; data: unknown };
      yield { event: String(event), data };
    } else yield { data: value };
  }
  yield { data: '[DONE]' };
}

function placeholderText(contentType: string): string {
  if (contentType === 'application/sdp') {
    return 'v=0\r\no=- 0 0 IN IP4 127.0.0.1\r\ns=openai-mock\r\nt=0 0\r\nm=audio 9 UDP/TLS/RTP/SAVPF 111\r\n';
  }
  return 'openai-mock placeholder';
}

/** Smallest byte strings that file-type sniffers recognise as the declared type. */
function placeholderBytes(contentType: string): Uint8Array {
  const ascii = (s: string) => Array.from(s, (c) => c.charCodeAt(0));
  switch (contentType) {
    case 'image/webp':
      return new Uint8Array([
        ...ascii('RIFF'),
        26,
        0,
        0,
        0,
        ...ascii('WEBPVP8L'),
        13,
        0,
        0,
        0,
        0x2f,
        0,
        0,
        0,
        0x10,
        0x07,
        0x10,
        0x11,
        0x11,
        0x88,
        0x88,
        0xfe,
        0x07,
        0,
      ]);
    case 'video/mp4':
      return new Uint8Array([0, 0, 0, 20, ...ascii('ftypisom'), 0, 0, 2, 0, ...ascii('isom')]);
    case 'application/zip':
      return new Uint8Array([0x50, 0x4b, 5, 6, ...new Array(18).fill(0)]);
    default:
      // An MPEG audio frame header (what speech endpoints return by default) followed by silence.
      return new Uint8Array([0xff, 0xfb, 0x90, 0x64, ...new Array(412).fill(0)]);
  }
}
