// Structured outputs: describe the answer with a JSON Schema (or a zod schema), send it as
// `response_format` (chat) or `text.format` (Responses), and get back the parsed, validated object.
// zod is not imported: any schema implementing Standard Schema plus Standard JSON Schema works (zod >= 4.2,
// and other libraries that implement both). The parser rides on the format object under a symbol key,
// which JSON.stringify leaves out of the request body.

import { OpenAIClientError } from './errors.js';
import { checkJSONSchema, type SchemaIssue } from './json-schema-check.js';
import { restoreOptionals, toStrictJSONSchema } from './strict-schema.js';
import type { JSONSchema, ResponseFormatJSONSchema } from './types/shared.js';

const PARSER = Symbol.for('openai-mock.client.structured-parser');

type Parser<T> = (text: string) => Promise<T>;

/** The parts of a Standard Schema (with JSON Schema export) this helper uses; zod 4 schemas have them. */
export interface StandardSchemaLike<Output = unknown> {
  readonly '~standard': {
    readonly version: 1;
    readonly vendor: string;
    readonly validate: (value: unknown) => StandardResult<Output> | Promise<StandardResult<Output>>;
    readonly jsonSchema?: { readonly output: (options: { target: string }) => Record<string, unknown> };
    readonly types?: { readonly input: unknown; readonly output: Output } | undefined;
  };
}

type StandardResult<Output> =
  | { readonly value: Output; readonly issues?: undefined }
  | {
      readonly issues: ReadonlyArray<{
        readonly message: string;
        readonly path?: ReadonlyArray<unknown> | undefined;
      }>;
    };

export type AutoParseableResponseFormat<T> = ResponseFormatJSONSchema & { readonly [PARSER]: Parser<T> };

export interface AutoParseableTextFormat<T> {
  type: 'json_schema';
  name: string;
  schema: JSONSchema;
  strict: boolean;
  description?: string;
  readonly [PARSER]: Parser<T>;
}

export interface FormatOptions {
  description?: string;
  /** Ask the API to follow the schema exactly. @default true */
  strict?: boolean;
}

/** The answer could not be turned into the requested object (not JSON, fails the schema, cut short, refused). */
export class StructuredOutputError extends OpenAIClientError {
  override name = 'StructuredOutputError';
  constructor(
    message: string,
    readonly text: string | null,
    readonly issues: SchemaIssue[] = [],
  ) {
    super(message);
  }
}

/** `response_format` for chat: checks the answer against `schema` and returns it as `T`. */
export function jsonSchemaResponseFormat<T = unknown>(
  schema: JSONSchema,
  name: string,
  options: FormatOptions = {},
): AutoParseableResponseFormat<T> {
  const strict = options.strict ?? true;
  const format = {
    type: 'json_schema' as const,
    json_schema: { name, schema: sent(schema, strict), strict, ...describe(options) },
  };
  return withParser(format, jsonSchemaParser<T>(schema));
}

/** `response_format` for chat from a zod (Standard Schema) schema; returns its validated output. */
export function zodResponseFormat<S extends StandardSchemaLike>(
  schema: S,
  name: string,
  options: FormatOptions = {},
): AutoParseableResponseFormat<OutputOf<S>> {
  const strict = options.strict ?? true;
  const written = toJSONSchema(schema);
  const format = {
    type: 'json_schema' as const,
    json_schema: { name, schema: sent(written, strict), strict, ...describe(options) },
  };
  return withParser(format, standardParser(schema, written));
}

/** `text.format` for the Responses API from a JSON Schema. */
export function jsonSchemaTextFormat<T = unknown>(
  schema: JSONSchema,
  name: string,
  options: FormatOptions = {},
): AutoParseableTextFormat<T> {
  const strict = options.strict ?? true;
  return withParser(
    { type: 'json_schema' as const, name, schema: sent(schema, strict), strict, ...describe(options) },
    jsonSchemaParser<T>(schema),
  );
}

/** `text.format` for the Responses API from a zod (Standard Schema) schema. */
export function zodTextFormat<S extends StandardSchemaLike>(
  schema: S,
  name: string,
  options: FormatOptions = {},
): AutoParseableTextFormat<OutputOf<S>> {
  const strict = options.strict ?? true;
  const written = toJSONSchema(schema);
  return withParser(
    { type: 'json_schema' as const, name, schema: sent(written, strict), strict, ...describe(options) },
    standardParser(schema, written),
  );
}

export type OutputOf<S extends StandardSchemaLike> = S extends StandardSchemaLike<infer O> ? O : unknown;

/** The parser attached to a format built by this module, if any. */
export function parserOf<T>(format: unknown): Parser<T> | undefined {
  return typeof format === 'object' && format !== null
    ? (format as { [PARSER]?: Parser<T> })[PARSER]
    : undefined;
}

function withParser<F extends object, T>(format: F, parser: Parser<T>): F & { readonly [PARSER]: Parser<T> } {
  return Object.defineProperty(format, PARSER, { value: parser, enumerable: false }) as F & {
    readonly [PARSER]: Parser<T>;
  };
}

function describe(options: FormatOptions): { description?: string } {
  return options.description === undefined ? {} : { description: options.description };
}

function parseJSON(text: string): unknown {
  try {
    return JSON.parse(text);
  } catch {
    throw new StructuredOutputError(
      `Structured output: the model's answer is not JSON: ${JSON.stringify(text.slice(0, 200))}`,
      text,
    );
  }
}

/** What goes on the wire: the strict-mode form of the schema when strict, else the schema as written. */
function sent(schema: JSONSchema, strict: boolean): JSONSchema {
  return strict ? toStrictJSONSchema(schema) : schema;
}

function jsonSchemaParser<T>(schema: JSONSchema): Parser<T> {
  return async (text) => {
    const value = restoreOptionals(schema, parseJSON(text));
    const issues = checkJSONSchema(schema, value);
    if (issues.length > 0) throw schemaError(text, issues);
    return value as T;
  };
}

function standardParser<S extends StandardSchemaLike>(schema: S, written: JSONSchema): Parser<OutputOf<S>> {
  return async (text) => {
    const result = await schema['~standard'].validate(restoreOptionals(written, parseJSON(text)));
    if (result.issues) {
      throw schemaError(
        text,
        result.issues.map((issue) => ({ path: pointer(issue.path), message: issue.message })),
      );
    }
    return result.value as OutputOf<S>;
  };
}

function schemaError(text: string, issues: SchemaIssue[]): StructuredOutputError {
  const first = issues[0] as SchemaIssue;
  return new StructuredOutputError(
    `Structured output: the answer does not match the schema: ${first.path || '(root)'} ${first.message}` +
      (issues.length > 1 ? ` (and ${issues.length - 1} more)` : ''),
    text,
    issues,
  );
}

function toJSONSchema(schema: StandardSchemaLike): JSONSchema {
  const converter = schema['~standard'].jsonSchema;
  if (!converter) {
    throw new OpenAIClientError(
      `zodResponseFormat: this ${schema['~standard'].vendor} schema cannot export JSON Schema (Standard JSON Schema); use zod >= 4.2 or pass a JSON Schema to jsonSchemaResponseFormat`,
    );
  }
  // `$schema` names the draft; the API does not need it.
  const { $schema: _ignored, ...rest } = converter.output({ target: 'draft-2020-12' });
  return rest;
}

function pointer(path: ReadonlyArray<unknown> | undefined): string {
  if (!path || path.length === 0) return '';
  return path
    .map(
      (part) =>
        `/${String(typeof part === 'object' && part !== null ? (part as { key: unknown }).key : part)}`,
    )
    .join('');
}
