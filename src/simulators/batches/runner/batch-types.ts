/** The Batch API's shapes, as the document and the official SDK describe them. */

export type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

export interface BatchError {
  code: string;
  message: string;
  param: string | null;
  line: number | null;
}

export interface BatchUsage {
  input_tokens: number;
  input_tokens_details: { cached_tokens: number };
  output_tokens: number;
  output_tokens_details: { reasoning_tokens: number };
  total_tokens: number;
}

/**
 * Fields not reached yet are left out rather than sent as null: the document types them as plain strings
 * and integers, and the SDK types them as optional.
 */
export interface BatchObject {
  id: string;
  object: 'batch';
  endpoint: string;
  model?: string;
  errors?: { object: 'list'; data: BatchError[] };
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  output_file_id?: string;
  error_file_id?: string;
  created_at: number;
  in_progress_at?: number;
  expires_at: number;
  finalizing_at?: number;
  completed_at?: number;
  failed_at?: number;
  expired_at?: number;
  cancelling_at?: number;
  cancelled_at?: number;
  request_counts: { total: number; completed: number; failed: number };
  usage?: BatchUsage;
  metadata: Record<string, string> | null;
}

/** What the store keeps: the object plus what the runner needs to pick it up. */
export interface BatchRecord {
  batch: BatchObject;
  /** Creation time in clock ms: every later step is scheduled from it. */
  createdMs: number;
  outputExpiresAfterSeconds: number | undefined;
}

/** One request of the input file, checked. */
export interface BatchLine {
  /** 1-based line number in the file. */
  line: number;
  custom_id: string;
  method: string;
  url: string;
  body: Record<string, unknown>;
}

export const BATCH_ENDPOINTS = [
  '/v1/responses',
  '/v1/chat/completions',
  '/v1/embeddings',
  '/v1/completions',
  '/v1/moderations',
  '/v1/images/generations',
  '/v1/images/edits',
  '/v1/videos',
] as const;

/** `24h` is the only window the API offers. */
export const COMPLETION_WINDOW_MS = 24 * 3600 * 1000;
