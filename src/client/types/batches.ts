import type { CursorListParams, Metadata } from './shared.js';

export type BatchStatus =
  | 'validating'
  | 'failed'
  | 'in_progress'
  | 'finalizing'
  | 'completed'
  | 'expired'
  | 'cancelling'
  | 'cancelled';

export interface Batch {
  id: string;
  object: 'batch';
  endpoint: string;
  input_file_id: string;
  completion_window: string;
  status: BatchStatus;
  created_at: number;
  output_file_id?: string | null;
  error_file_id?: string | null;
  errors?: {
    object: 'list';
    data: Array<{ code?: string; message?: string; param?: string | null; line?: number | null }>;
  } | null;
  in_progress_at?: number | null;
  expires_at?: number | null;
  finalizing_at?: number | null;
  completed_at?: number | null;
  failed_at?: number | null;
  expired_at?: number | null;
  cancelling_at?: number | null;
  cancelled_at?: number | null;
  request_counts?: { total: number; completed: number; failed: number };
  metadata?: Metadata | null;
}

export interface BatchCreateParams {
  input_file_id: string;
  endpoint: '/v1/responses' | '/v1/chat/completions' | '/v1/embeddings' | '/v1/completions' | (string & {});
  completion_window: '24h';
  metadata?: Metadata | null;
}

export type BatchListParams = CursorListParams;
