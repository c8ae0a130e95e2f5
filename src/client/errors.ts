// The client's public errors. Class names, fields and status mapping follow the official SDK so that
// `catch (e) { if (e instanceof RateLimitError) … }` code moves between the two. Because test runners
// and duplicate installs break `instanceof`, every class also carries a `Symbol.for` brand and a `name`,
// and `isAPIError` / `isOpenAIClientError` check the brand instead of the prototype chain.

const CLIENT_ERROR = Symbol.for('openai-mock.client.error');
const API_ERROR = Symbol.for('openai-mock.client.api-error');

/** Base of every error this client throws (configuration mistakes, malformed streams, …). */
export class OpenAIClientError extends Error {
  readonly [CLIENT_ERROR] = true;
  override name = 'OpenAIClientError';
}

/** The `error` object of an OpenAI error body: `{ "error": { message, type, param, code } }`. */
export interface APIErrorBody {
  message?: unknown;
  type?: string;
  param?: string | null;
  code?: string | null;
  [key: string]: unknown;
}

/** An error that concerns an API call: an HTTP error status, an SSE `error` event, or a transport failure. */
export class APIError extends OpenAIClientError {
  readonly [API_ERROR] = true;
  override name = 'APIError';
  /** HTTP status of the response, `undefined` for connection errors and in-stream `error` events. */
  readonly status: number | undefined;
  /** Response headers, `undefined` when no response arrived. */
  readonly headers: Headers | undefined;
  /** The body's `error` object (or the whole body when it has none). */
  readonly error: APIErrorBody | undefined;
  /** `error.code` from the body, e.g. `rate_limit_exceeded`, `insufficient_quota`. */
  readonly code: string | null | undefined;
  /** `error.param` from the body. */
  readonly param: string | null | undefined;
  /** `error.type` from the body, e.g. `invalid_request_error`. */
  readonly type: string | undefined;
  /** The `x-request-id` response header: quote it when reporting a problem to the API provider. */
  readonly requestID: string | null | undefined;

  constructor(
    status: number | undefined,
    error: APIErrorBody | undefined,
    message: string,
    headers: Headers | undefined,
    options?: { cause?: unknown },
  ) {
    super(message, options?.cause === undefined ? undefined : { cause: options.cause });
    this.status = status;
    this.headers = headers;
    this.error = error;
    this.requestID = headers?.get('x-request-id');
    this.code = typeof error?.code === 'string' || error?.code === null ? error.code : undefined;
    this.param = typeof error?.param === 'string' || error?.param === null ? error.param : undefined;
    this.type = typeof error?.type === 'string' ? error.type : undefined;
  }
}

export class BadRequestError extends APIError {
  override name = 'BadRequestError';
}
export class AuthenticationError extends APIError {
  override name = 'AuthenticationError';
}
export class PermissionDeniedError extends APIError {
  override name = 'PermissionDeniedError';
}
export class NotFoundError extends APIError {
  override name = 'NotFoundError';
}
export class ConflictError extends APIError {
  override name = 'ConflictError';
}
export class UnprocessableEntityError extends APIError {
  override name = 'UnprocessableEntityError';
}
export class RateLimitError extends APIError {
  override name = 'RateLimitError';
}
export class InternalServerError extends APIError {
  override name = 'InternalServerError';
}

/** No usable response: DNS failure, refused or reset connection, or a stream cut mid-way. */
export class APIConnectionError extends APIError {
  override name = 'APIConnectionError';
  constructor(message = 'Connection error.', options?: { cause?: unknown }) {
    super(undefined, undefined, message, undefined, options);
  }
}

/** The attempt's `timeout` elapsed before the response (or, for JSON calls, its body) arrived. */
export class APIConnectionTimeoutError extends APIConnectionError {
  override name = 'APIConnectionTimeoutError';
  constructor(message = 'Request timed out.') {
    super(message);
  }
}

/** The caller's `signal` aborted the call. Never retried. */
export class APIUserAbortError extends APIError {
  override name = 'APIUserAbortError';
  constructor(message = 'Request was aborted.') {
    super(undefined, undefined, message, undefined);
  }
}

type StatusErrorClass = new (
  status: number,
  error: APIErrorBody | undefined,
  message: string,
  headers: Headers,
) => APIError;

const BY_STATUS: Record<number, StatusErrorClass> = {
  400: BadRequestError,
  401: AuthenticationError,
  403: PermissionDeniedError,
  404: NotFoundError,
  409: ConflictError,
  422: UnprocessableEntityError,
  429: RateLimitError,
};

/** The APIError subclass the official SDK uses for `status`. */
export function errorClassForStatus(status: number): StatusErrorClass {
  return BY_STATUS[status] ?? (status >= 500 ? InternalServerError : APIError);
}

/** True for any error thrown by this client, even across duplicate copies of the package. */
export function isOpenAIClientError(value: unknown): value is OpenAIClientError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[CLIENT_ERROR] === true
  );
}

/** True for APIError and its subclasses, even across duplicate copies of the package. */
export function isAPIError(value: unknown): value is APIError {
  return (
    typeof value === 'object' && value !== null && (value as Record<symbol, unknown>)[API_ERROR] === true
  );
}
