import type {
  FunctionDefinition,
  Metadata,
  OrderedListParams,
  ResponseFormatJSONObject,
  ResponseFormatJSONSchema,
  ResponseFormatText,
} from './shared.js';

export type ChatRole = 'system' | 'developer' | 'user' | 'assistant' | 'tool';

export type ChatContentPart =
  | { type: 'text'; text: string }
  | { type: 'image_url'; image_url: { url: string; detail?: 'auto' | 'low' | 'high' } }
  | { type: 'input_audio'; input_audio: { data: string; format: 'wav' | 'mp3' } }
  | { type: 'file'; file: { file_id?: string; file_data?: string; filename?: string } };

export interface ChatCompletionMessageToolCall {
  id: string;
  type: 'function';
  function: { name: string; arguments: string };
}

export type ChatCompletionMessageParam =
  | { role: 'system' | 'developer'; content: string | Array<{ type: 'text'; text: string }>; name?: string }
  | { role: 'user'; content: string | ChatContentPart[]; name?: string }
  | {
      role: 'assistant';
      content?: string | Array<{ type: 'text'; text: string } | { type: 'refusal'; refusal: string }> | null;
      refusal?: string | null;
      tool_calls?: ChatCompletionMessageToolCall[];
      name?: string;
    }
  | { role: 'tool'; content: string | Array<{ type: 'text'; text: string }>; tool_call_id: string };

export interface ChatCompletionTool {
  type: 'function';
  function: FunctionDefinition;
}

export interface ChatCompletionCreateParamsBase {
  model: string;
  messages: ChatCompletionMessageParam[];
  frequency_penalty?: number | null;
  logit_bias?: Record<string, number> | null;
  logprobs?: boolean | null;
  top_logprobs?: number | null;
  max_tokens?: number | null;
  max_completion_tokens?: number | null;
  metadata?: Metadata | null;
  n?: number | null;
  parallel_tool_calls?: boolean;
  presence_penalty?: number | null;
  reasoning_effort?: 'minimal' | 'low' | 'medium' | 'high' | null;
  response_format?: ResponseFormatText | ResponseFormatJSONObject | ResponseFormatJSONSchema;
  seed?: number | null;
  service_tier?: 'auto' | 'default' | 'flex' | 'priority' | null;
  stop?: string | string[] | null;
  store?: boolean | null;
  stream_options?: { include_usage?: boolean } | null;
  temperature?: number | null;
  tool_choice?: 'none' | 'auto' | 'required' | { type: 'function'; function: { name: string } };
  tools?: ChatCompletionTool[];
  top_p?: number | null;
  user?: string;
}

export interface ChatCompletionCreateParamsNonStreaming extends ChatCompletionCreateParamsBase {
  stream?: false | null;
}

export interface ChatCompletionCreateParamsStreaming extends ChatCompletionCreateParamsBase {
  stream: true;
}

export type ChatCompletionCreateParams =
  | ChatCompletionCreateParamsNonStreaming
  | ChatCompletionCreateParamsStreaming;

export interface CompletionUsage {
  prompt_tokens: number;
  completion_tokens: number;
  total_tokens: number;
  prompt_tokens_details?: { cached_tokens?: number; audio_tokens?: number };
  completion_tokens_details?: { reasoning_tokens?: number; audio_tokens?: number };
}

export interface ChatCompletionMessage {
  role: 'assistant';
  content: string | null;
  refusal: string | null;
  tool_calls?: ChatCompletionMessageToolCall[];
  annotations?: unknown[];
}

export interface ChatCompletionTokenLogprob {
  token: string;
  logprob: number;
  bytes: number[] | null;
  top_logprobs: Array<{ token: string; logprob: number; bytes: number[] | null }>;
}

export interface ChatCompletionLogprobs {
  content: ChatCompletionTokenLogprob[] | null;
  refusal: ChatCompletionTokenLogprob[] | null;
}

export type FinishReason = 'stop' | 'length' | 'tool_calls' | 'content_filter' | 'function_call';

export interface ChatCompletion {
  id: string;
  object: 'chat.completion';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    message: ChatCompletionMessage;
    finish_reason: FinishReason;
    logprobs: ChatCompletionLogprobs | null;
  }>;
  usage?: CompletionUsage;
  service_tier?: string | null;
  system_fingerprint?: string | null;
}

export interface ChatCompletionChunk {
  id: string;
  object: 'chat.completion.chunk';
  created: number;
  model: string;
  choices: Array<{
    index: number;
    delta: {
      role?: ChatRole;
      content?: string | null;
      refusal?: string | null;
      tool_calls?: Array<{
        index: number;
        id?: string;
        type?: 'function';
        function?: { name?: string; arguments?: string };
      }>;
    };
    finish_reason: FinishReason | null;
    logprobs?: ChatCompletionLogprobs | null;
  }>;
  service_tier?: string | null;
  /** Only on the last chunk, and only with `stream_options: { include_usage: true }`. */
  usage?: CompletionUsage | null;
  system_fingerprint?: string | null;
}

export interface ChatCompletionStoreMessage extends ChatCompletionMessage {
  id: string;
}

export interface ChatCompletionListParams extends OrderedListParams {
  metadata?: Metadata;
  model?: string;
}

export interface ChatCompletionUpdateParams {
  metadata: Metadata | null;
}

export type ChatCompletionMessageListParams = OrderedListParams;

export interface ChatCompletionDeleted {
  id: string;
  object: 'chat.completion.deleted';
  deleted: boolean;
}
