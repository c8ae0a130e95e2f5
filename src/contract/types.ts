/** The public shapes of the contract room: what the engine and the samplers rely on. */

export interface LocateOptions {
  /** Path or http(s) URL of the OpenAPI document (JSON or YAML); wins over `OPENAI_MOCK_SPEC` and the default. */
  spec?: string | undefined;
  /** Environment to read `OPENAI_MOCK_SPEC` / `OPENAI_MOCK_CACHE_DIR` from. @default process.env */
  env?: NodeJS.ProcessEnv;
  /** The project root whose `../shared/openai-openapi/openapi.json` is looked at. @default the package root */
  root?: string;
}

export interface LoadOptions extends LocateOptions {
  /**
   * Folder for compiled validators (AJV standalone code keyed by the document hash), so the big
   * schemas load in ~15 ms instead of compiling for 100–200 ms in every process. `false` turns it off.
   * @default `OPENAI_MOCK_CACHE_DIR`, else `<package root>/node_modules/.cache/openai-mock`
   */
  cacheDir?: string | false | undefined;
}

export interface CreateContractMeta {
  path?: string | undefined;
  /** sha256 (hex) of the document bytes; computed from the JSON text when absent. */
  hash?: string | undefined;
  /** As in `LoadOptions.cacheDir`. @default false (custom documents are usually small and short-lived) */
  cacheDir?: string | false | undefined;
}

export interface Violation {
  in: 'body' | 'query' | 'path' | 'response' | 'event';
  /**
   * JSON pointer into the checked value. For a missing or unknown property it points at that
   * property (`/messages/0/content`), so it names the field the fix is about.
   */
  pointer: string;
  message: string;
  /** The JSON Schema keyword that failed (`required`, `type`, `enum`, `maximum`, …). */
  keyword: string;
  params?: Record<string, unknown>;
}

export interface Operation {
  id: string;
  /** Upper case. */
  method: string;
  /** Template without the `/v1` prefix, e.g. `/chat/completions/{completion_id}`. */
  path: string;
  /** JSON pointer of the operation object in the document, e.g. `/paths/~1models/get`. */
  pointer: string;
  /**
   * Query values the document puts in the path key (`/responses?beta=true` → `{ beta: 'true' }`).
   * `match` picks such a variant only when the request's query carries them.
   */
  queryMatch?: Record<string, string>;
  tags: string[];
  summary?: string;
  deprecated: boolean;
  pathParams: string[];
  queryParams: { name: string; required: boolean; schema: any }[];
  requestBody?: { required: boolean; contentTypes: string[] };
  /** The success response (lowest 2xx): status, and the schema per content type (refs kept). */
  success: { status: number; content: Record<string, any> } | undefined;
  /** True when the success response offers text/event-stream. */
  streaming: boolean;
}

export type MatchResult =
  | { operation: Operation; params: Record<string, string> }
  /** The path exists but not for this method (405), or, with an empty list, no such path (404). */
  | { operation: undefined; allowedMethods: string[] };

export interface RequestParts {
  body: unknown;
  query: Record<string, string | string[]>;
  params: Record<string, string>;
  contentType?: string | undefined;
}

export interface OpenAIErrorResponse {
  status: 400;
  body: {
    error: { message: string; type: 'invalid_request_error'; param: string | null; code: string | null };
  };
}

export interface CompileReport {
  count: number;
  ms: number;
  failures: { pointer: string; message: string }[];
}

export interface Contract {
  /** The NORMALIZED document (OpenAPI 3.0 leftovers turned into JSON Schema 2020-12). */
  readonly document: any;
  readonly path: string | undefined;
  readonly version: string;
  /** sha256 (hex) of the file bytes. */
  readonly hash: string;
  readonly operations: readonly Operation[];
  operationById(id: string): Operation | undefined;
  /** Path with or without the `/v1` prefix; `query` only selects `queryMatch` variants. */
  match(method: string, path: string, query?: Record<string, string | string[]>): MatchResult;
  validateRequest(op: Operation, req: RequestParts): Violation[];
  validateResponse(op: Operation, status: number, body: unknown, contentType?: string): Violation[];
  /** One SSE event's parsed data; `[DONE]` is accepted. */
  validateStreamEvent(op: Operation, data: unknown): Violation[];
  /** Resolve `#/components/...` refs (for samplers). */
  resolveRef(ref: string): any;
  /** Violations shaped as the real API's 400 body (the first violation wins; they come best-first). */
  toOpenAIError(violations: Violation[]): OpenAIErrorResponse;
  /** Validate `value` against any schema of the document by JSON pointer (e.g. `/components/schemas/Model`). */
  validateSchema(pointer: string, value: unknown, where?: Violation['in']): Violation[];
  /** Compile every component, request and response schema (in memory only); for tests and benchmarks. */
  compileAll(): CompileReport;
  /** What normalization changed, and how long loading took. */
  readonly stats: ContractStats;
}

export interface ContractStats {
  parseMs: number;
  normalizeMs: number;
  indexMs: number;
  normalized: NormalizeStats;
}

export interface NormalizeStats {
  nullable: number;
  nullableEnums: number;
  nullableWrapped: number;
  nullableMembersLifted: number;
  exclusiveBounds: number;
  oneOfToAnyOf: number;
  recursiveRefs: number;
  formats: string[];
}
