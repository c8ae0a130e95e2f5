import { OpenAIHttpError } from '../../engine/errors.js';
import type { MockResponse, RequestContext } from '../../engine/index.js';
import type { Interaction, RecordedRequest, RecordedResponseBody } from '../../record/format.js';
import { captureStream } from './sse-capture.js';
import { callUpstream, type UpstreamOptions, upstreamHeaders } from './upstream.js';

/** Called once the whole response is known (for a stream, when it ends), with the credentials to scrub. */
export type OnRecorded = (interaction: Interaction, secrets: string[]) => void;

/**
 * Forwards the request upstream and answers with what comes back, streams included as they arrive; with
 * `onRecorded`, the exchange is also handed over for the cassette.
 */
export async function forwardUpstream(
  ctx: RequestContext,
  request: RecordedRequest,
  upstream: UpstreamOptions,
  onRecorded?: OnRecorded,
): Promise<MockResponse> {
  const { response, secrets } = await callUpstream(ctx, upstream);
  const started = performance.now();
  const headers = upstreamHeaders(response);
  const status = response.status;
  if (status === 401 || status === 403) throw await refused(response, upstream);
  // The cassette keeps the upstream's headers as they came: the engine stamps its own (x-request-id,
  // openai-processing-ms) on the response it hands back, which for a stream happens before it is recorded.
  const recordedHeaders = { ...headers };
  const contentType = headers['content-type'] ?? '';
  if (contentType.startsWith('text/event-stream')) {
    const captured = captureStream(response.body, started);
    if (onRecorded)
      void captured.done.then(({ events, end }) =>
        onRecorded(
          { request, response: { status, headers: recordedHeaders, body: { sse: events, end } } },
          secrets,
        ),
      );
    return { status, headers, body: { kind: 'sse', events: captured.events } };
  }
  const bytes = new Uint8Array(await response.arrayBuffer());
  const body = recordedBody(bytes, contentType);
  onRecorded?.({ request, response: { status, headers: recordedHeaders, ...(body && { body }) } }, secrets);
  if (!body) return { status, headers, body: { kind: 'none' } };
  if ('json' in body) return { status, headers, body: { kind: 'json', value: body.json } };
  return {
    status,
    headers,
    body: { kind: 'bytes', value: bytes, contentType: contentType || 'application/octet-stream' },
  };
}

function recordedBody(bytes: Uint8Array, contentType: string): RecordedResponseBody | undefined {
  if (bytes.byteLength === 0) return undefined;
  const type = contentType.toLowerCase();
  if (type.includes('json')) {
    try {
      return { json: JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes)) };
    } catch {
      // not JSON after all: keep the bytes as they are
    }
  }
  if (type.startsWith('text/')) {
    try {
      return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), contentType };
    } catch {
      // not UTF-8: fall through to base64
    }
  }
  return {
    base64: Buffer.from(bytes).toString('base64'),
    contentType: contentType || 'application/octet-stream',
  };
}

/**
 * An upstream that refuses the key refuses every request: recording that answer would only fill cassettes
 * with 401s, so it is never written, and the message says which key was used.
 */
async function refused(response: Response, upstream: UpstreamOptions): Promise<OpenAIHttpError> {
  let reason = '';
  try {
    const body = (await response.json()) as { error?: { message?: unknown } };
    if (typeof body.error?.message === 'string') reason = `: ${body.error.message}`;
  } catch {
    // no JSON body: the status says enough
  }
  const key = upstream.forwardClientKey
    ? "the client's key"
    : `the key in ${upstream.keySource ?? '$OPENAI_API_KEY'}`;
  return new OpenAIHttpError(
    response.status,
    `openai-mock: the upstream refused ${key} (${response.status}${reason}); nothing was recorded.`,
    {
      type: 'openai_mock_error',
      code: 'upstream_refused_key',
      headers: { 'x-should-retry': 'false' },
    },
  );
}
