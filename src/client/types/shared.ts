// Types shared by several resources. Written for this client from the API reference; they cover the
// fields code commonly reads and leave room (index signatures on params) for the rest.

export type Metadata = Record<string, string>;

/** A JSON Schema object, as sent in `response_format` / `text.format` and tool parameters. */
export type JSONSchema = { [key: string]: unknown };

export interface FunctionDefinition {
  name: string;
  description?: string;
  parameters?: JSONSchema;
  strict?: boolean | null;
}

export interface ResponseFormatText {
  type: 'text';
}

export interface ResponseFormatJSONObject {
  type: 'json_object';
}

export interface ResponseFormatJSONSchema {
  type: 'json_schema';
  json_schema: { name: string; description?: string; schema?: JSONSchema; strict?: boolean | null };
}

export interface DeletedObject {
  id: string;
  object: string;
  deleted: boolean;
}

export interface CursorListParams {
  /** Cursor: the id of the last item of the previous page. */
  after?: string;
  limit?: number;
}

export interface OrderedListParams extends CursorListParams {
  order?: 'asc' | 'desc';
}
