import type { EngineCore } from '../../../engine/context.js';
import { apiErrors, OpenAIHttpError } from '../../../engine/errors.js';
import type { MockResponse } from '../../../engine/types.js';
import { createRandom } from '../../../fixtures/core.js';
import type { BatchLine } from './batch-types.js';

/** One line of the output or error file, in the real format. */
export interface BatchOutputLine {
  id: string;
  custom_id: string;
  response: { status_code: number; request_id: string; body: unknown } | null;
  error: { code: string; message: string } | null;
}

export interface LineResult {
  /** A 2xx answer goes to the output file, anything else to the error file. */
  ok: boolean;
  output: BatchOutputLine;
}

export interface LineContext {
  batchId: string;
  /** Headers carried over from the request that created the batch: its API key and test scope. */
  headers: Record<string, string>;
  signal: AbortSignal;
}

/**
 * Runs one input line through the whole engine, exactly like a live request, so fixtures, scripted replies,
 * faults and rate limits apply to batch lines too. The request carries `x-mock-batch-id` so it can be told
 * apart.
 */
export async function executeLine(
  engine: EngineCore,
  line: BatchLine,
  ctx: LineContext,
): Promise<LineResult> {
  const id = outputLineId(engine, ctx.batchId, line);
  if (line.body['stream'] === true) {
    const error = new OpenAIHttpError(
      400,
      'Streaming is not supported in batch requests: remove "stream" from the body.',
      { param: 'stream' },
    );
    return {
      ok: false,
      output: {
        id,
        custom_id: line.custom_id,
        response: { status_code: 400, request_id: '', body: error.body },
        error: null,
      },
    };
  }
  const response = await engine.handle(
    {
      method: line.method,
      path: line.url,
      query: {},
      headers: { ...ctx.headers, 'content-type': 'application/json', 'x-mock-batch-id': ctx.batchId },
      body: line.body,
    },
    { signal: ctx.signal },
  );
  const { status, body } = await responseBody(response);
  return {
    ok: status >= 200 && status < 300,
    output: {
      id,
      custom_id: line.custom_id,
      response: { status_code: status, request_id: response.headers['x-request-id'] ?? '', body },
      error: null,
    },
  };
}

/** A line the batch never ran (it expired first), as the real error file reports it. */
export function expiredLine(engine: EngineCore, batchId: string, line: BatchLine): BatchOutputLine {
  return {
    id: outputLineId(engine, batchId, line),
    custom_id: line.custom_id,
    response: null,
    error: {
      code: 'batch_expired',
      message: 'This request could not be executed before the completion window expired.',
    },
  };
}

/** `batch_req_…`, the same for the same batch and line. */
function outputLineId(engine: EngineCore, batchId: string, line: BatchLine): string {
  return engine.ids.next('batch_req_', createRandom(`${engine.options.seed}:${batchId}:${line.custom_id}`), {
    length: 32,
    alphabet: 'hex',
  });
}

/** The JSON body of an answer; a dropped connection or a stream becomes the 500 a client would have seen. */
async function responseBody(response: MockResponse): Promise<{ status: number; body: unknown }> {
  if (response.connection === 'reset')
    return { status: 500, body: apiErrors.serverError('the connection was reset').body };
  const body = response.body;
  switch (body.kind) {
    case 'json':
      return { status: response.status, body: body.value };
    case 'text':
      return { status: response.status, body: { text: body.value } };
    case 'none':
      return { status: response.status, body: {} };
    case 'bytes':
      return {
        status: response.status,
        body: { data: Buffer.from(body.value).toString('base64'), content_type: body.contentType },
      };
    case 'sse': {
      const iterator = body.events[Symbol.asyncIterator]();
      await iterator.return?.();
      return { status: 500, body: apiErrors.serverError('the endpoint answered with an event stream').body };
    }
  }
}
