import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import { ResponseStream } from '../response-stream.js';
import type { Stream, StreamCompletion } from '../stream.js';
import { type AutoParseableTextFormat, parserOf, StructuredOutputError } from '../structured-output.js';
import { joinSignals } from '../timeout.js';
import { type ResponseRunToolsParams, ResponseToolRunner, type RunnerOptions } from '../tool-runner.js';
import type {
  CompactedResponse,
  Response,
  ResponseCompactParams,
  ResponseCreateParams,
  ResponseCreateParamsBase,
  ResponseCreateParamsNonStreaming,
  ResponseCreateParamsStreaming,
  ResponseInputItemListParams,
  ResponseInputTokens,
  ResponseInputTokensParams,
  ResponseItem,
  ResponseRetrieveParams,
  ResponseStreamEvent,
} from '../types/responses.js';

/** A Responses stream is whole once one of these arrives (the API sends no `[DONE]`). */
export const RESPONSE_TERMINAL_EVENTS: StreamCompletion = {
  kind: 'terminal-event',
  types: ['response.completed', 'response.failed', 'response.incomplete'],
};

export type ParsedResponse<T> = Response & { output_parsed: T | null };

export type ResponseStreamParams<T> = Omit<ResponseCreateParamsBase, 'text'> & {
  text?: Omit<NonNullable<ResponseCreateParamsBase['text']>, 'format'> & {
    format?: NonNullable<ResponseCreateParamsBase['text']>['format'] | AutoParseableTextFormat<T>;
  };
};

export type ResponseParseParams<T> = Omit<ResponseCreateParamsNonStreaming, 'text'> & {
  text: Omit<NonNullable<ResponseCreateParamsBase['text']>, 'format'> & {
    format: AutoParseableTextFormat<T>;
  };
};

export class Responses {
  readonly inputItems: {
    list: (
      responseId: string,
      query?: ResponseInputItemListParams,
      options?: RequestOptions,
    ) => PagePromise<ResponseItem>;
  };

  readonly inputTokens: {
    /** Counts the input tokens a create call with these parameters would use. */
    count: (body?: ResponseInputTokensParams, options?: RequestOptions) => APIPromise<ResponseInputTokens>;
  };

  constructor(private readonly client: OpenAIClient) {
    this.inputTokens = {
      count: (body = {}, options) =>
        client._json({ method: 'post', path: '/responses/input_tokens', body, options }),
    };
    this.inputItems = {
      list: (responseId, query = {}, options) =>
        client._list({
          method: 'get',
          path: `/responses/${encodeURIComponent(responseId)}/input_items`,
          query: { ...query },
          options,
        }),
    };
  }

  /** `stream: true` resolves to a Stream of events that is whole at `response.completed` (or failed/incomplete). */
  create(body: ResponseCreateParamsNonStreaming, options?: RequestOptions): APIPromise<Response>;
  create(
    body: ResponseCreateParamsStreaming,
    options?: RequestOptions,
  ): APIPromise<Stream<ResponseStreamEvent>>;
  create(
    body: ResponseCreateParams,
    options?: RequestOptions,
  ): APIPromise<Response | Stream<ResponseStreamEvent>>;
  create(
    body: ResponseCreateParams,
    options?: RequestOptions,
  ): APIPromise<Response | Stream<ResponseStreamEvent>> {
    const call = { method: 'post', path: '/responses', body, options } as const;
    if (body.stream) return this.client._stream<ResponseStreamEvent>(call, RESPONSE_TERMINAL_EVENTS);
    return this.client._json<Response>(call)._thenUnwrap(addOutputText);
  }

  /**
   * Streams a response and accumulates it: `for await` the events (text deltas carry `snapshot`), listen
   * with `on('response.output_text.delta', …)`, and `await stream.finalResponse()`. With `{ response_id,
   * starting_after }` it follows a stored (background) response instead of creating one.
   */
  stream<T = null>(
    body: ResponseStreamParams<T> | { response_id: string; starting_after?: number },
    options?: RequestOptions,
  ): ResponseStream<T> {
    if ('response_id' in body) {
      const { response_id, starting_after } = body;
      return new ResponseStream<T>((signal) =>
        this.client._stream<ResponseStreamEvent>(
          {
            method: 'get',
            path: `/responses/${encodeURIComponent(response_id)}`,
            query: { stream: true, starting_after },
            options: { ...options, signal: joinSignals(signal, options?.signal) },
          },
          RESPONSE_TERMINAL_EVENTS,
        ),
      );
    }
    return new ResponseStream<T>(
      (signal) =>
        this.create(
          { ...(body as ResponseCreateParamsBase), stream: true },
          { ...options, signal: joinSignals(signal, options?.signal) },
        ),
      parserOf<T>(body.text?.format),
    );
  }

  /** Runs function tools until the model answers without one (or `maxSteps` requests). */
  runTools(body: ResponseRunToolsParams, options?: RunnerOptions): ResponseToolRunner {
    return new ResponseToolRunner((params, opts) => this.create(params, opts), body, options);
  }

  /** Creates a response with a structured `text.format` (from `zodTextFormat` / `jsonSchemaTextFormat`) and adds `output_parsed`. */
  parse<T>(body: ResponseParseParams<T>, options?: RequestOptions): APIPromise<ParsedResponse<T>> {
    const parser = parserOf<T>(body.text?.format);
    return this.create(body as ResponseCreateParamsNonStreaming, options)._thenUnwrap(async (response) => {
      if (!parser)
        throw new StructuredOutputError(
          'responses.parse: text.format must come from zodTextFormat() or jsonSchemaTextFormat()',
          null,
        );
      return parseResponseOutput(response, parser);
    });
  }

  retrieve(
    responseId: string,
    query: ResponseRetrieveParams = {},
    options?: RequestOptions,
  ): APIPromise<Response> {
    return this.client
      ._json<Response>({
        method: 'get',
        path: `/responses/${encodeURIComponent(responseId)}`,
        query: { ...query },
        options,
      })
      ._thenUnwrap(addOutputText);
  }

  delete(responseId: string, options?: RequestOptions): APIPromise<void> {
    return this.client._json<void>({
      method: 'delete',
      path: `/responses/${encodeURIComponent(responseId)}`,
      options,
    });
  }

  /** Compacts a conversation (input or a previous response) into fewer output items. */
  compact(body: ResponseCompactParams, options?: RequestOptions): APIPromise<CompactedResponse> {
    return this.client._json({ method: 'post', path: '/responses/compact', body, options });
  }

  /** Cancels a background response. */
  cancel(responseId: string, options?: RequestOptions): APIPromise<Response> {
    return this.client
      ._json<Response>({
        method: 'post',
        path: `/responses/${encodeURIComponent(responseId)}/cancel`,
        options,
      })
      ._thenUnwrap(addOutputText);
  }
}

/** Adds `output_text`, the joined text of every `output_text` part, as the official SDK does. */
export function addOutputText(response: Response): Response {
  if (typeof response !== 'object' || response === null || !Array.isArray(response.output)) return response;
  const texts: string[] = [];
  for (const item of response.output) {
    if (item.type !== 'message' || !Array.isArray(item['content'])) continue;
    for (const part of item['content'] as Array<{ type: string; text?: string }>) {
      if (part.type === 'output_text' && typeof part.text === 'string') texts.push(part.text);
    }
  }
  response.output_text = texts.join('');
  return response;
}

/** Adds `output_parsed` to a finished response; throws when it is incomplete or does not match. */
export async function parseResponseOutput<T>(
  response: Response,
  parser: (text: string) => Promise<T>,
): Promise<ParsedResponse<T>> {
  const parsed = response as ParsedResponse<T>;
  if (response.status === 'incomplete') {
    throw new StructuredOutputError(
      `Structured output: the response is incomplete (${response.incomplete_details?.reason ?? 'no reason given'})`,
      response.output_text,
    );
  }
  parsed.output_parsed = response.output_text ? await parser(response.output_text) : null;
  return parsed;
}
