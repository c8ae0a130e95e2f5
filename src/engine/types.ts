/**
 * The one request/response shape every door (fastify, msw, nock) speaks with the engine.
 * Plain data, not Fetch objects: fastify has already parsed the body, and building
 * Request/Response objects on the hot path would cost more than the simulated request.
 */

/** A parsed multipart/form-data body: fields as strings, files as bytes. */
export interface MultipartBody {
  kind: 'multipart';
  fields: Record<string, string | string[]>;
  files: Record<string, MultipartFile[]>;
}

export interface MultipartFile {
  filename: string;
  contentType: string;
  data: Uint8Array;
}

export interface MockRequest {
  /** Upper-case HTTP method. */
  method: string;
  /** Path as received, without the query string, e.g. `/v1/chat/completions` or `/chat/completions`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Header names in lower case. */
  headers: Record<string, string>;
  /** Parsed JSON value or `MultipartBody`; undefined when there is none or when `rawBody` carries it. */
  body?: unknown;
  /**
   * The body's bytes as received, unparsed. Doors pass this and let the engine parse it by content type,
   * so malformed JSON and multipart get the same answer behind every door.
   */
  rawBody?: Uint8Array;
}

/** One server-sent event. `data` that is not a string is JSON-encoded by the encoder. */
export interface SseEvent {
  event?: string;
  data: unknown;
  id?: string;
  /** Written verbatim instead of encoding the fields: a malformed event (fault injection). Not validated. */
  raw?: string;
}

export type MockBody =
  | { kind: 'json'; value: unknown }
  | { kind: 'bytes'; value: Uint8Array; contentType: string }
  | { kind: 'text'; value: string; contentType: string }
  /** Events are sent as they are produced; throwing `ConnectionCutError` mid-way closes the connection. */
  | { kind: 'sse'; events: AsyncIterable<SseEvent> }
  | { kind: 'none' };

export interface MockResponse {
  status: number;
  headers: Record<string, string>;
  body: MockBody;
  /**
   * Transport-level behaviour instead of (or after) the response:
   * `reset` destroys the connection without answering.
   */
  connection?: 'reset';
}

/** Thrown inside an SSE event iterable to make the door drop the connection (a cut stream). */
export class ConnectionCutError extends Error {
  override name = 'ConnectionCutError';
  readonly code = 'OPENAI_MOCK_CONNECTION_CUT';
}

export interface HandleOptions {
  /** Aborted by the door when the client goes away; lets hangs and slow streams stop early. */
  signal?: AbortSignal;
}
