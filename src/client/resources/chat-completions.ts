import type { APIPromise } from '../api-promise.js';
import { ChatCompletionStream } from '../chat-completion-stream.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type { Stream } from '../stream.js';
import { type AutoParseableResponseFormat, parserOf, StructuredOutputError } from '../structured-output.js';
import { joinSignals } from '../timeout.js';
import { type ChatRunToolsParams, ChatToolRunner, type RunnerOptions } from '../tool-runner.js';
import type {
  ChatCompletion,
  ChatCompletionChunk,
  ChatCompletionCreateParams,
  ChatCompletionCreateParamsBase,
  ChatCompletionCreateParamsNonStreaming,
  ChatCompletionCreateParamsStreaming,
  ChatCompletionDeleted,
  ChatCompletionListParams,
  ChatCompletionMessage,
  ChatCompletionMessageListParams,
  ChatCompletionStoreMessage,
  ChatCompletionUpdateParams,
} from '../types/chat.js';

export type ParsedChatCompletion<T> = Omit<ChatCompletion, 'choices'> & {
  choices: Array<
    ChatCompletion['choices'][number] & { message: ChatCompletionMessage & { parsed: T | null } }
  >;
};

export type ChatCompletionParseParams<T> = Omit<ChatCompletionCreateParamsNonStreaming, 'response_format'> & {
  response_format: AutoParseableResponseFormat<T>;
};

export class Chat {
  readonly completions: Completions;
  constructor(client: OpenAIClient) {
    this.completions = new Completions(client);
  }
}

export class Completions {
  /** Messages of a stored completion. */
  readonly messages: {
    list: (
      completionId: string,
      query?: ChatCompletionMessageListParams,
      options?: RequestOptions,
    ) => PagePromise<ChatCompletionStoreMessage>;
  };

  constructor(private readonly client: OpenAIClient) {
    this.messages = {
      list: (completionId, query = {}, options) =>
        client._list({
          method: 'get',
          path: `/chat/completions/${encodeURIComponent(completionId)}/messages`,
          query: { ...query },
          options,
        }),
    };
  }

  /** `stream: true` resolves to a Stream of chunks that ends at `[DONE]`. */
  create(body: ChatCompletionCreateParamsNonStreaming, options?: RequestOptions): APIPromise<ChatCompletion>;
  create(
    body: ChatCompletionCreateParamsStreaming,
    options?: RequestOptions,
  ): APIPromise<Stream<ChatCompletionChunk>>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion | Stream<ChatCompletionChunk>>;
  create(
    body: ChatCompletionCreateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion | Stream<ChatCompletionChunk>> {
    const call = { method: 'post', path: '/chat/completions', body, options } as const;
    if (body.stream) return this.client._stream<ChatCompletionChunk>(call, { kind: 'done-marker' });
    return this.client._json<ChatCompletion>(call);
  }

  /**
   * Creates a completion with a structured `response_format` (from `zodResponseFormat` or
   * `jsonSchemaResponseFormat`) and adds `message.parsed` to every choice. Throws StructuredOutputError
   * when an answer was cut at the token limit, filtered, or does not match the schema; a refusal gives
   * `parsed: null` and `message.refusal`.
   */
  parse<T>(
    body: ChatCompletionParseParams<T>,
    options?: RequestOptions,
  ): APIPromise<ParsedChatCompletion<T>> {
    const parser = parserOf<T>(body.response_format);
    return this.create(body as ChatCompletionCreateParamsNonStreaming, options)._thenUnwrap((completion) => {
      if (!parser)
        throw new StructuredOutputError(
          'chat.completions.parse: response_format must come from zodResponseFormat() or jsonSchemaResponseFormat()',
          null,
        );
      return parseChatCompletion(completion, parser);
    });
  }

  /**
   * Streams a completion and accumulates it: `for await` the chunks, listen with `on('content', …)`, and
   * `await stream.finalChatCompletion()` for the whole completion (parsed with a zodResponseFormat()).
   */
  stream<T = null>(
    body: Omit<ChatCompletionCreateParamsBase, 'response_format'> & {
      response_format?: ChatCompletionCreateParamsBase['response_format'] | AutoParseableResponseFormat<T>;
    },
    options?: RequestOptions,
  ): ChatCompletionStream<T> {
    return new ChatCompletionStream<T>(
      (signal) =>
        this.create(
          { ...(body as ChatCompletionCreateParamsBase), stream: true },
          { ...options, signal: joinSignals(signal, options?.signal) },
        ),
      parserOf<T>(body.response_format),
    );
  }

  /** Runs function tools until the model answers without one (or `maxChatCompletions` requests). */
  runTools(body: ChatRunToolsParams, options?: RunnerOptions): ChatToolRunner {
    return new ChatToolRunner((params, opts) => this.create(params, opts), body, options);
  }

  /** A stored completion (created with `store: true`). */
  retrieve(completionId: string, options?: RequestOptions): APIPromise<ChatCompletion> {
    return this.client._json({
      method: 'get',
      path: `/chat/completions/${encodeURIComponent(completionId)}`,
      options,
    });
  }

  /** Replaces the metadata of a stored completion. */
  update(
    completionId: string,
    body: ChatCompletionUpdateParams,
    options?: RequestOptions,
  ): APIPromise<ChatCompletion> {
    return this.client._json({
      method: 'post',
      path: `/chat/completions/${encodeURIComponent(completionId)}`,
      body,
      options,
    });
  }

  list(query: ChatCompletionListParams = {}, options?: RequestOptions): PagePromise<ChatCompletion> {
    return this.client._list({ method: 'get', path: '/chat/completions', query: { ...query }, options });
  }

  delete(completionId: string, options?: RequestOptions): APIPromise<ChatCompletionDeleted> {
    return this.client._json({
      method: 'delete',
      path: `/chat/completions/${encodeURIComponent(completionId)}`,
      options,
    });
  }
}

/** Adds `message.parsed` to every choice; throws when an answer was cut, filtered or does not match. */
export async function parseChatCompletion<T>(
  completion: ChatCompletion,
  parser: (text: string) => Promise<T>,
): Promise<ParsedChatCompletion<T>> {
  for (const choice of completion.choices) {
    const message = choice.message as ChatCompletionMessage & { parsed: T | null };
    if (choice.finish_reason === 'length')
      throw new StructuredOutputError(
        'Structured output: the answer was cut at the token limit (finish_reason "length"); raise max_completion_tokens',
        message.content,
      );
    if (choice.finish_reason === 'content_filter')
      throw new StructuredOutputError(
        'Structured output: the answer was stopped by the content filter',
        message.content,
      );
    message.parsed = message.content && !message.refusal ? await parser(message.content) : null;
  }
  return completion as ParsedChatCompletion<T>;
}
