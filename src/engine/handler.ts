import type { OperationTraits, RequestContext } from './context.js';
import type { MockResponse, SseEvent } from './types.js';

/**
 * A simulator for one operation of the OpenAPI document, found by its operationId. `method` and `path`
 * (the document's template, without `/v1`) let the engine route to it when it runs without a document.
 */
export interface OperationHandler extends OperationTraits {
  operationId: string;
  method: string;
  path: string;
  /** The response may be an event stream (when the request asks for one). */
  streaming?: boolean;
  handle(ctx: RequestContext): Promise<MockResponse> | MockResponse;
}

/**
 * The simulators, as the composition hands them to the engine (the core imports none of them): a few small
 * ones at start, the rest on the first request that needs one, and a responder for operations none simulates.
 */
export interface SimulatorSet {
  /** Available from the start (e.g. `GET /models`, the first request of most clients). */
  readonly eager: readonly OperationHandler[];
  /** Every simulator, loaded on first need (~20 ms of imports a server does not pay at start). */
  load(): Promise<readonly OperationHandler[]>;
  /** Answers an operation no simulator handles, from its schema. */
  fallback(ctx: RequestContext): Promise<MockResponse>;
  /** Answers for an id a simulator never created, when `missingResources` is `generate`. */
  missing(ctx: RequestContext): Promise<MockResponse>;
}

export const json = (value: unknown, status = 200, headers: Record<string, string> = {}): MockResponse => ({
  status,
  headers,
  body: { kind: 'json', value },
});

export const sse = (events: AsyncIterable<SseEvent>, headers: Record<string, string> = {}): MockResponse => ({
  status: 200,
  headers,
  body: { kind: 'sse', events },
});

export const bytes = (
  value: Uint8Array,
  contentType: string,
  headers: Record<string, string> = {},
): MockResponse => ({
  status: 200,
  headers,
  body: { kind: 'bytes', value, contentType },
});
