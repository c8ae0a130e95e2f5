// Public entry of `openai-mock/client`. A leaf: only fetch, web streams and eventsource-parser.

export { APIPromise, type WithResponse } from './api-promise.js';
export {
  ChatCompletionStream,
  type ChatCompletionStreamEvents,
} from './chat-completion-stream.js';
export {
  type APICall,
  DEFAULT_BASE_URL,
  DEFAULT_MAX_RETRIES,
  DEFAULT_TIMEOUT_MS,
  OpenAIClient,
} from './client.js';
export { errorFromResponse } from './error-from-response.js';
export {
  APIConnectionError,
  APIConnectionTimeoutError,
  APIError,
  type APIErrorBody,
  APIUserAbortError,
  AuthenticationError,
  BadRequestError,
  ConflictError,
  errorClassForStatus,
  InternalServerError,
  isAPIError,
  isOpenAIClientError,
  NotFoundError,
  OpenAIClientError,
  PermissionDeniedError,
  RateLimitError,
  UnprocessableEntityError,
} from './errors.js';
export type { BaseEvents, EventStream } from './event-stream.js';
export type { AttemptReport, ClientHooks } from './hooks.js';
export { checkJSONSchema, type SchemaIssue } from './json-schema-check.js';
export { type LimiterTicket, RateLimiter, type RateLimiterOptions } from './limiter.js';
export { estimateRequestTokens, parseResetDuration } from './limiter-window.js';
export {
  type Logger,
  type LogLevel,
  redactHeaders,
  type SpanLike,
  type TracerLike,
} from './observability.js';
export type { ClientOptions, Fetch, HeadersInput, QueryInput, RequestOptions } from './options.js';
export { type ListBody, Page, PagePromise, type PageQuery } from './pagination.js';
export { DEFAULT_PRICES, findPrice, type ModelPrice } from './price-table.js';
export type { HttpMethod } from './request.js';
export type { ChatCompletionParseParams, ParsedChatCompletion } from './resources/chat-completions.js';
export { decodeFloat32Base64 } from './resources/embeddings.js';
export {
  addOutputText,
  type ParsedResponse,
  RESPONSE_TERMINAL_EVENTS,
  type ResponseParseParams,
} from './resources/responses.js';
export { MAX_PART_BYTES, type UploadFileParams } from './resources/uploads.js';
export { ResponseStream, type ResponseStreamEvents, type ResponseStreamItem } from './response-stream.js';
export {
  type AttemptOutcome,
  type BackoffOptions,
  DEFAULT_BACKOFF,
  type RetryDelay,
  type RetryDelayInput,
  retryDelay,
  serverHint,
  shouldRetry,
} from './retry.js';
export { createSSEDecoder, iterateSSE, type SSEDecoder, type SSEEvent } from './sse-decoder.js';
export { type SSEStreamOptions, Stream, type StreamCompletion } from './stream.js';
export {
  type AutoParseableResponseFormat,
  type AutoParseableTextFormat,
  type FormatOptions,
  jsonSchemaResponseFormat,
  jsonSchemaTextFormat,
  type StandardSchemaLike,
  StructuredOutputError,
  zodResponseFormat,
  zodTextFormat,
} from './structured-output.js';
export {
  type ChatRunToolsParams,
  ChatToolRunner,
  type ResponseRunToolsParams,
  ResponseToolRunner,
  type RunnableChatTool,
  type RunnableFunction,
  type RunnableResponseTool,
  type RunnerOptions,
  type ToolCallResult,
} from './tool-runner.js';
export type * from './types/audio.js';
export type * from './types/batches.js';
export type * from './types/chat.js';
export type * from './types/conversations.js';
export type * from './types/embeddings.js';
export type * from './types/files.js';
export type * from './types/images.js';
export type * from './types/models.js';
export type * from './types/moderations.js';
export type * from './types/responses.js';
export type * from './types/shared.js';
export type * from './types/uploads.js';
export type * from './types/vector-stores.js';
export {
  type FileFromPath,
  type FileFromStream,
  fileFromPath,
  fileFromStream,
  type ToFileOptions,
  toFile,
  type Uploadable,
} from './uploads.js';
export { extractUsage, normalizeUsage, type TokenUsage, type UsageRecord } from './usage.js';
export { UsageMeter, type UsageMeterOptions, type UsageSnapshot, type UsageTotals } from './usage-meter.js';
export {
  DEFAULT_WEBHOOK_TOLERANCE_SECONDS,
  type HeadersLike,
  InvalidWebhookSignatureError,
  type UnwrapWebhookEvent,
  Webhooks,
} from './webhooks.js';
