import type { MockRequest, WireResponse } from '../engine/index.js';

/**
 * Fetch `Request` in, Fetch `Response` out: the translation the msw and fetch doors share (both speak the
 * web's own types). Not a door itself.
 */

/** Reads a `Request` once into the engine's plain shape: raw bytes, which the engine parses. */
export async function fromWebRequest(request: Request, prefix = ''): Promise<MockRequest> {
  const url = new URL(request.url);
  const query: Record<string, string | string[]> = {};
  for (const [k, v] of url.searchParams) {
    const prev = query[k];
    query[k] = prev === undefined ? v : [...[prev].flat(), v];
  }
  const headers: Record<string, string> = {};
  request.headers.forEach((v, k) => {
    headers[k] = v;
  });
  const mock: MockRequest = {
    method: request.method,
    path: url.pathname.slice(prefix.length) || '/',
    query,
    headers,
  };
  if (request.method !== 'GET' && request.method !== 'HEAD') {
    const bytes = new Uint8Array(await request.arrayBuffer());
    if (bytes.byteLength) mock.rawBody = bytes;
  }
  return mock;
}

/**
 * The engine's wire response as a `Response`; a stream that must be cut errors mid-way, as a dropped socket
 * does, with the error `cutError` makes of the cut (undici's own fetch says `TypeError: terminated`).
 */
export function toWebResponse(
  wire: WireResponse,
  cutError: (cut: unknown) => unknown = (cut) => cut,
): Response {
  const body = wire.body;
  const init = { status: wire.status, headers: wire.headers };
  if (body === null || typeof body === 'string') return new Response(body, init);
  if (body instanceof Uint8Array) return new Response(body as Uint8Array<ArrayBuffer>, init);
  const iterator = body[Symbol.asyncIterator]();
  const stream = new ReadableStream<Uint8Array>({
    // One chunk per read: a slow reader slows the producer.
    async pull(controller) {
      try {
        const next = await iterator.next();
        if (next.done) controller.close();
        else controller.enqueue(next.value);
      } catch (error) {
        // Erroring a stream drops what is still queued; let the reader take the chunks sent so far first.
        await new Promise((resolve) => setTimeout(resolve, 1));
        controller.error(cutError(error));
      }
    },
    async cancel() {
      await iterator.return?.();
    },
  });
  return new Response(stream, init);
}
