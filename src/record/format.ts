/**
 * The cassette format, version 1: one JSON file per cassette, diff-friendly (stable key order, JSON bodies
 * as JSON, bytes as base64, streams as the exact list of events with their offsets in milliseconds).
 */
export const CASSETTE_VERSION = 1;

export interface Cassette {
  version: typeof CASSETTE_VERSION;
  meta: CassetteMeta;
  interactions: Interaction[];
}

export interface CassetteMeta {
  tool: string;
  toolVersion: string;
  /** The OpenAPI document recorded against; `null` when the engine ran without one. */
  spec: { version: string; hash: string } | null;
}

export interface Interaction {
  request: RecordedRequest;
  response: RecordedResponse;
}

export interface RecordedRequest {
  method: string;
  /** Canonical path, always with `/v1`, e.g. `/v1/chat/completions`. */
  path: string;
  query: Record<string, string | string[]>;
  /** Kept headers only (content-type, openai-beta, …); credentials never. */
  headers: Record<string, string>;
  body?: RecordedRequestBody;
}

export type RecordedRequestBody =
  | { json: unknown }
  | { text: string }
  | { base64: string }
  | { multipart: RecordedMultipart };

export interface RecordedMultipart {
  fields: Record<string, string | string[]>;
  /** Files by field name; the content is kept as a hash, which is all matching and checking need. */
  files: Record<string, Array<{ filename: string; contentType: string; size: number; sha256: string }>>;
}

export interface RecordedResponse {
  status: number;
  headers: Record<string, string>;
  body?: RecordedResponseBody;
}

export type RecordedResponseBody =
  | { json: unknown }
  | { text: string; contentType: string }
  | { base64: string; contentType: string }
  | { sse: RecordedEvent[]; end: 'done' | 'cut' };

/** One server-sent event; `data` is parsed JSON when that round-trips to the same text, else the text. */
export interface RecordedEvent {
  /** Milliseconds after the response headers arrived. */
  ms: number;
  event?: string;
  id?: string;
  data: unknown;
}
