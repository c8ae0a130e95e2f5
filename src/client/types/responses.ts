import type { FunctionDefinition, JSONSchema, Metadata, OrderedListParams } from './shared.js';

export type ResponseInputContent =
  | { type: 'input_text'; text: string }
  | { type: 'input_image'; image_url?: string; file_id?: string; detail?: 'auto' | 'low' | 'high' }
  | { type: 'input_file'; file_id?: string; file_data?: string; filename?: string };

export type ResponseInputItem =
  | {
      type?: 'message';
      role: 'user' | 'assistant' | 'system' | 'developer';
      content: string | ResponseInputContent[];
    }
  | { type: 'function_call_output'; call_id: string; output: string }
  | { type: string; [key: string]: unknown };

export type ResponseTextFormat =
  | { type: 'text' }
  | { type: 'json_object' }
  | { type: 'json_schema'; name: string; schema: JSONSchema; description?: string; strict?: boolean | null };

export type ResponseTool =
  | ({ type: 'function' } & FunctionDefinition)
  | {
      type: 'web_search' | 'web_search_preview' | 'file_search' | 'code_interpreter' | (string & {});
      [key: string]: unknown;
    };

export interface ResponseCreateParamsBase {
  model: string;
  input?: string | ResponseInputItem[];
  instructions?: string | null;
  previous_response_id?: string | null;
  max_output_tokens?: number | null;
  metadata?: Metadata | null;
  parallel_tool_calls?: boolean | null;
  reasoning?: { effort?: 'minimal' | 'low' | 'medium' | 'high' | null; summary?: string | null } | null;
  store?: boolean | null;
  temperature?: number | null;
  text?: { format?: ResponseTextFormat; verbosity?: 'low' | 'medium' | 'high' | null };
  tool_choice?: 'none' | 'auto' | 'required' | { type: string; name?: string };
  tools?: ResponseTool[];
  top_p?: number | null;
  truncation?: 'auto' | 'disabled' | null;
  background?: boolean | null;
  include?: string[] | null;
  user?: string;
}

export interface ResponseCreateParamsNonStreaming extends ResponseCreateParamsBase {
  stream?: false | null;
}

export interface ResponseCreateParamsStreaming extends ResponseCreateParamsBase {
  stream: true;
}

export type ResponseCreateParams = ResponseCreateParamsNonStreaming | ResponseCreateParamsStreaming;

export interface ResponseOutputText {
  type: 'output_text';
  text: string;
  annotations: unknown[];
}

export interface ResponseOutputMessage {
  type: 'message';
  id: string;
  role: 'assistant';
  status: 'in_progress' | 'completed' | 'incomplete';
  content: Array<ResponseOutputText | { type: 'refusal'; refusal: string }>;
}

export interface ResponseFunctionToolCall {
  type: 'function_call';
  id?: string;
  call_id: string;
  name: string;
  arguments: string;
  status?: string;
}

export type ResponseOutputItem =
  | ResponseOutputMessage
  | ResponseFunctionToolCall
  | { type: string; [key: string]: unknown };

export interface ResponseUsage {
  input_tokens: number;
  output_tokens: number;
  total_tokens: number;
  input_tokens_details?: { cached_tokens: number };
  output_tokens_details?: { reasoning_tokens: number };
}

export interface Response {
  id: string;
  object: 'response';
  created_at: number;
  model: string;
  status: 'completed' | 'failed' | 'in_progress' | 'cancelled' | 'queued' | 'incomplete';
  output: ResponseOutputItem[];
  error: { code: string; message: string } | null;
  incomplete_details: { reason?: string } | null;
  instructions?: unknown;
  metadata?: Metadata | null;
  previous_response_id?: string | null;
  usage?: ResponseUsage | null;
  /** Added by this client (as by the official SDK): the text of every `output_text` part, joined. */
  output_text: string;
  [key: string]: unknown;
}

/** One event of a streamed response; `type` tells which (`response.output_text.delta`, `response.completed`, …). */
export interface ResponseStreamEvent {
  type: string;
  sequence_number?: number;
  /** On `response.created`, `response.completed`, `response.failed`, … */
  response?: Response;
  /** On `response.output_text.delta`. */
  delta?: string;
  [key: string]: unknown;
}

export interface ResponseRetrieveParams {
  include?: string[];
  starting_after?: number;
}

export interface ResponseInputItemListParams extends OrderedListParams {
  include?: string[];
}

export interface ResponseItem {
  id: string;
  type: string;
  [key: string]: unknown;
}

export interface ResponseInputTokensParams {
  model?: string;
  input?: string | ResponseInputItem[];
  instructions?: string | null;
  previous_response_id?: string | null;
  conversation?: string | { id: string } | null;
  tools?: ResponseTool[] | null;
  text?: ResponseCreateParamsBase['text'] | null;
  reasoning?: ResponseCreateParamsBase['reasoning'];
  tool_choice?: ResponseCreateParamsBase['tool_choice'];
  parallel_tool_calls?: boolean | null;
  truncation?: 'auto' | 'disabled';
}

export interface ResponseInputTokens {
  object: 'response.input_tokens';
  input_tokens: number;
}

export interface ResponseCompactParams {
  model: string;
  input?: string | ResponseInputItem[] | null;
  instructions?: string | null;
  previous_response_id?: string | null;
}

export interface CompactedResponse {
  id: string;
  object: 'response.compaction';
  created_at: number;
  output: ResponseOutputItem[];
  usage: ResponseUsage;
}
