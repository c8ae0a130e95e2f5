// An injected fetch that answers from a queue of functions and records every call, for tests that need
// no socket: request shapes, header layering, body encoding.

export interface FetchCall {
  url: URL;
  method: string;
  headers: Headers;
  body: BodyInit | null | undefined;
  signal: AbortSignal | null | undefined;
}

export type FakeAnswer = (call: FetchCall) => Response | Promise<Response>;

export interface FakeFetch {
  fetch: (input: string | URL | Request, init?: RequestInit) => Promise<Response>;
  calls: FetchCall[];
}

export function fakeFetch(...answers: FakeAnswer[]): FakeFetch {
  const calls: FetchCall[] = [];
  const fetch = async (input: string | URL | Request, init: RequestInit = {}): Promise<Response> => {
    const call: FetchCall = {
      url: new URL(String(input)),
      method: init.method ?? 'GET',
      headers: new Headers(init.headers),
      body: init.body,
      signal: init.signal,
    };
    calls.push(call);
    const answer = answers[calls.length - 1] ?? answers[answers.length - 1];
    if (!answer) throw new Error('fakeFetch: no answer scripted');
    return answer(call);
  };
  return { fetch, calls };
}

export function json(body: unknown, status = 200, headers: Record<string, string> = {}): FakeAnswer {
  return () =>
    new Response(JSON.stringify(body), {
      status,
      headers: { 'content-type': 'application/json', 'x-request-id': 'req_fake', ...headers },
    });
}

/** A Response whose body yields `chunks` (strings or bytes) and then ends, errors, or stays open. */
export function chunkedResponse(
  chunks: Array<string | Uint8Array>,
  then: 'end' | 'error' | 'hang' = 'end',
  headers: Record<string, string> = {},
): Response {
  const encoder = new TextEncoder();
  let i = 0;
  const body = new ReadableStream<Uint8Array>({
    pull(controller) {
      const chunk = chunks[i++];
      if (chunk !== undefined)
        return controller.enqueue(typeof chunk === 'string' ? encoder.encode(chunk) : chunk);
      if (then === 'end') controller.close();
      else if (then === 'error') controller.error(new TypeError('terminated'));
      else return new Promise(() => {});
    },
  });
  return new Response(body, {
    status: 200,
    headers: { 'content-type': 'text/event-stream', 'x-request-id': 'req_stream', ...headers },
  });
}
