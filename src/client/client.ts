// `new OpenAIClient(options)`: resolves options once, then turns each call (method, path, query, body,
// per-call options) into a `Call` for the transport, and its result into JSON, a Stream, a page or a raw
// Response. Resources (responses, chat, …) are thin files on top of the four `_…` methods here.

import { APIPromise, CallHandle } from './api-promise.js';
import { OpenAIClientError } from './errors.js';
import { estimateRequestTokens } from './limiter-window.js';
import { CallTrace, checkLogLevel, type Logger, levelLogger } from './observability.js';
import {
  type ClientOptions,
  checkNonNegativeInteger,
  checkTimeout,
  type Fetch,
  type QueryInput,
  type RequestOptions,
  readEnv,
} from './options.js';
import { Page, PagePromise, type PageQuery } from './pagination.js';
import { buildHeaders, buildURL, encodeBody, type HttpMethod, newIdempotencyKey } from './request.js';
import { Audio } from './resources/audio.js';
import { Batches } from './resources/batches.js';
import { Chat } from './resources/chat-completions.js';
import { Conversations } from './resources/conversations.js';
import { Embeddings } from './resources/embeddings.js';
import { Files } from './resources/files.js';
import { Images } from './resources/images.js';
import { Models } from './resources/models.js';
import { Moderations } from './resources/moderations.js';
import { Responses } from './resources/responses.js';
import { Uploads } from './resources/uploads.js';
import { VectorStores } from './resources/vector-stores.js';
import { Stream, type StreamCompletion, withIdleTimeout } from './stream.js';
import { type Delivered, send, type TransportConfig } from './transport.js';
import { Webhooks } from './webhooks.js';

export const DEFAULT_BASE_URL = 'https://api.openai.com/v1';
export const DEFAULT_TIMEOUT_MS = 10 * 60 * 1000;
export const DEFAULT_MAX_RETRIES = 2;

/** One API call, as resources (and users, for endpoints without a resource) describe it. */
export interface APICall {
  method: HttpMethod;
  /** Path under the base URL, e.g. `/chat/completions`. */
  path: string;
  /** Query parameters; nested objects are sent as `key[sub]=value` (e.g. `metadata[user]=1`). */
  query?: Record<string, unknown> | undefined;
  /** A JSON value, or a FormData / Blob / bytes body sent as is. */
  body?: unknown;
  options?: RequestOptions | undefined;
}

export class OpenAIClient {
  readonly baseURL: string;
  readonly timeout: number;
  readonly maxRetries: number;
  /** Milliseconds a stream or download may go without receiving a byte; undefined: no limit. */
  readonly idleTimeout: number | undefined;
  readonly organization: string | null;
  readonly project: string | null;

  readonly responses: Responses = new Responses(this);
  readonly chat: Chat = new Chat(this);
  readonly embeddings: Embeddings = new Embeddings(this);
  readonly files: Files = new Files(this);
  readonly batches: Batches = new Batches(this);
  readonly models: Models = new Models(this);
  readonly conversations: Conversations = new Conversations(this);
  readonly uploads: Uploads = new Uploads(this);
  readonly moderations: Moderations = new Moderations(this);
  readonly images: Images = new Images(this);
  readonly audio: Audio = new Audio(this);
  readonly vectorStores: VectorStores = new VectorStores(this);
  readonly webhooks: Webhooks;

  readonly #options: ClientOptions;
  readonly #apiKey: string;
  readonly #transport: TransportConfig;
  readonly #log: Logger | undefined;

  constructor(options: ClientOptions = {}) {
    const apiKey = options.apiKey ?? readEnv('OPENAI_API_KEY');
    if (!apiKey) {
      throw new OpenAIClientError(
        'OpenAIClient: missing API key: pass new OpenAIClient({ apiKey }) or set the OPENAI_API_KEY environment variable (any non-empty value works against openai-mock)',
      );
    }
    checkTimeout('timeout', options.timeout);
    checkNonNegativeInteger('maxRetries', options.maxRetries);
    checkTimeout('idleTimeout', options.idleTimeout);
    const fetch: Fetch | undefined = options.fetch ?? globalThis.fetch?.bind(globalThis);
    if (!fetch) throw new OpenAIClientError('OpenAIClient: no global fetch here; pass the `fetch` option');

    this.#options = options;
    const level =
      checkLogLevel(options.logLevel, 'option logLevel') ??
      checkLogLevel(readEnv('OPENAI_LOG'), 'OPENAI_LOG') ??
      'warn';
    this.#log = level === 'off' ? undefined : levelLogger(level, options.logger ?? console);
    this.#apiKey = apiKey;
    this.baseURL = (options.baseURL ?? readEnv('OPENAI_BASE_URL') ?? DEFAULT_BASE_URL).replace(/\/+$/, '');
    checkBaseURL(this.baseURL);
    this.timeout = options.timeout ?? DEFAULT_TIMEOUT_MS;
    this.maxRetries = options.maxRetries ?? DEFAULT_MAX_RETRIES;
    this.idleTimeout = options.idleTimeout;
    this.webhooks = new Webhooks(options.webhookSecret ?? readEnv('OPENAI_WEBHOOK_SECRET'));
    this.organization =
      options.organization === undefined ? (readEnv('OPENAI_ORG_ID') ?? null) : options.organization;
    this.project = options.project === undefined ? (readEnv('OPENAI_PROJECT_ID') ?? null) : options.project;
    this.#transport = {
      fetch,
      backoff: options.backoff,
      hooks: options.hooks,
      usageMeter: options.usageMeter,
      limiter: options.limiter,
    };
  }

  /** A new client with these options laid over this one's (hooks, meter and limiter are shared). */
  withOptions(options: Partial<ClientOptions>): OpenAIClient {
    return new OpenAIClient({
      ...this.#options,
      apiKey: this.#apiKey,
      baseURL: this.baseURL,
      organization: this.organization,
      project: this.project,
      ...options,
    });
  }

  /** Any JSON endpoint, including ones without a resource here. */
  request<T = unknown>(call: APICall): APIPromise<T> {
    return this._json<T>(call);
  }

  get<T = unknown>(path: string, options?: RequestOptions): APIPromise<T> {
    return this._json<T>({ method: 'get', path, options });
  }

  post<T = unknown>(path: string, body?: unknown, options?: RequestOptions): APIPromise<T> {
    return this._json<T>({ method: 'post', path, body, options });
  }

  delete<T = unknown>(path: string, options?: RequestOptions): APIPromise<T> {
    return this._json<T>({ method: 'delete', path, options });
  }

  /** @internal A JSON call; objects come back with a non-enumerable `_request_id`, as in the official SDK. */
  _json<T>(call: APICall, query: QueryInput = toQuery(call.query)): APIPromise<T> {
    return new APIPromise<T>(
      new CallHandle((mode) => this.#send(call, mode === 'raw' ? 'raw' : 'json', query)),
      (data, response) => {
        if (typeof data === 'object' && data !== null) {
          Object.defineProperty(data, '_request_id', {
            value: response.headers.get('x-request-id'),
            enumerable: false,
            configurable: true,
          });
        }
        return data as T;
      },
    );
  }

  /** @internal A server-sent-event call. */
  _stream<T>(call: APICall, completion: StreamCompletion): APIPromise<Stream<T>> {
    const handle = new CallHandle(async (mode) => {
      const delivered = await this.#send(call, mode === 'raw' ? 'raw' : 'stream', toQuery(call.query));
      if (mode === 'raw') return delivered;
      const stream = Stream.fromSSEResponse<T>(delivered.response, delivered.attempt.controller, {
        completion,
        userSignal: call.options?.signal,
        idleTimeout: call.options?.idleTimeout ?? this.idleTimeout,
        onItem: delivered.reportUsage,
        onSettle: (error) => {
          delivered.attempt.dispose();
          delivered.trace.end(error);
        },
      });
      return { data: stream, response: delivered.response };
    });
    return new APIPromise<Stream<T>>(handle);
  }

  /** @internal A call whose body the caller reads (downloads). */
  _raw(call: APICall): APIPromise<Response> {
    return new APIPromise<Response>(
      new CallHandle(async () => {
        const delivered = await this.#send(call, 'raw', toQuery(call.query));
        const idle = call.options?.idleTimeout ?? this.idleTimeout;
        const response = idle === undefined ? delivered.response : withIdleTimeout(delivered.response, idle);
        return { data: response, response };
      }),
    );
  }

  /** @internal A cursor-paginated list. */
  _list<T>(call: APICall, paged = true): PagePromise<T> {
    const fetchPage = (query: PageQuery): PagePromise<T> => {
      const json = this._json<Record<string, unknown> | null>(call, query);
      return new PagePromise<T>(
        json._handle,
        async (data, response) =>
          new Page<T>((await json._transform(data, response)) ?? {}, query, fetchPage, paged),
      );
    };
    return fetchPage(toQuery(call.query));
  }

  async #send(
    call: APICall,
    expect: 'json' | 'stream' | 'raw',
    query: QueryInput,
  ): Promise<Delivered & { trace: CallTrace }> {
    const options = call.options ?? {};
    checkTimeout('timeout (per request)', options.timeout);
    checkTimeout('idleTimeout (per request)', options.idleTimeout);
    checkNonNegativeInteger('maxRetries (per request)', options.maxRetries);
    const encoded = encodeBody(call.body);
    const headers = buildHeaders({
      identity: { apiKey: this.#apiKey, organization: this.organization, project: this.project },
      method: call.method,
      contentType: encoded.contentType,
      idempotencyKey: options.idempotencyKey ?? (call.method === 'get' ? undefined : newIdempotencyKey()),
      defaultHeaders: this.#options.defaultHeaders,
      headers: options.headers,
    });
    if (expect === 'stream') headers.set('accept', 'text/event-stream');
    const model = (call.body as { model?: unknown } | undefined)?.model;
    const url = buildURL(this.baseURL, call.path, this.#options.defaultQuery, query, options.query);
    const trace = new CallTrace(
      this.#options.tracer,
      this.#log,
      {
        method: call.method.toUpperCase(),
        path: call.path,
        url,
        model: typeof model === 'string' ? model : undefined,
      },
      this.#options.usageMeter,
    );
    const delivered = send(this.#transport, {
      method: call.method,
      path: call.path,
      url,
      trace,
      headers,
      body: encoded.body,
      model: typeof model === 'string' ? model : undefined,
      estimatedTokens: estimateRequestTokens(call.body),
      signal: options.signal,
      timeout: options.timeout ?? this.timeout,
      maxRetries: options.maxRetries ?? this.maxRetries,
      expect,
    });
    try {
      const result = await delivered;
      // A stream's call ends when the stream does (see _stream).
      if (expect !== 'stream') trace.end();
      return { ...result, trace };
    } catch (error) {
      trace.end(error);
      throw error;
    }
  }
}

/** Flattens params into query values: nested objects as `key[sub]=v`, arrays as repeated `key[]=v`. */
export function toQuery(params: Record<string, unknown> | undefined): QueryInput {
  const out: QueryInput = {};
  for (const [key, value] of Object.entries(params ?? {})) {
    if (value === undefined || value === null) continue;
    if (Array.isArray(value)) out[`${key}[]`] = value.map((item) => String(item));
    else if (typeof value === 'object') {
      for (const [sub, inner] of Object.entries(value as Record<string, unknown>)) {
        if (inner !== undefined && inner !== null) out[`${key}[${sub}]`] = String(inner);
      }
    } else out[key] = value as string | number | boolean;
  }
  return out;
}

function checkBaseURL(baseURL: string): void {
  let protocol = '';
  try {
    protocol = new URL(baseURL).protocol;
  } catch {}
  // `localhost:4010` parses as a URL whose scheme is "localhost:", hence the protocol check.
  if (protocol !== 'http:' && protocol !== 'https:') {
    throw new OpenAIClientError(
      `OpenAIClient: option baseURL must be an absolute URL like http://127.0.0.1:4010/v1, got ${JSON.stringify(baseURL)}`,
    );
  }
}
