import { APIError } from 'openai';
import { expect } from 'vitest';
import {
  checkResponseStream,
  type ResponseStreamCheckOptions,
} from '../../src/contract/streams/response-stream.js';

/** Every event of an SDK stream, in order. */
export async function collect<T>(stream: AsyncIterable<T>): Promise<T[]> {
  const events: T[] = [];
  for await (const event of stream) events.push(event);
  return events;
}

/** The stream's grammar as a whole must hold (each event's shape is checked by useMockServer). */
export function expectWellFormed(events: readonly unknown[], options: ResponseStreamCheckOptions = {}) {
  expect(checkResponseStream(events, options), 'the stream must follow the Responses event grammar').toEqual(
    [],
  );
}

/** The types of the events, with runs of the same delta type folded into one `type*`. */
export function eventShape(events: ReadonlyArray<{ type: string }>): string[] {
  const out: string[] = [];
  for (const { type } of events) {
    const folded = type.endsWith('.delta') ? `${type}*` : type;
    if (out[out.length - 1] !== folded || !folded.endsWith('*')) out.push(folded);
  }
  return out;
}

/** The SDK error a request rejects with (the test fails if it resolves or throws something else). */
export async function apiError(promise: Promise<unknown>): Promise<APIError> {
  const error = await promise.then(
    () => undefined,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(APIError);
  return error as APIError;
}
