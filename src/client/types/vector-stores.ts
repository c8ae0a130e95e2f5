import type { Metadata, OrderedListParams } from './shared.js';

export type ChunkingStrategy =
  | { type: 'auto' }
  | { type: 'static'; static: { max_chunk_size_tokens: number; chunk_overlap_tokens: number } };

export interface FileCounts {
  in_progress: number;
  completed: number;
  failed: number;
  cancelled: number;
  total: number;
}

export interface VectorStore {
  id: string;
  object: 'vector_store';
  created_at: number;
  name: string;
  usage_bytes: number;
  file_counts: FileCounts;
  status: 'expired' | 'in_progress' | 'completed';
  last_active_at: number | null;
  metadata: Metadata | null;
  expires_after?: { anchor: 'last_active_at'; days: number };
  expires_at?: number | null;
}

export interface VectorStoreCreateParams {
  name?: string;
  file_ids?: string[];
  chunking_strategy?: ChunkingStrategy;
  expires_after?: { anchor: 'last_active_at'; days: number };
  metadata?: Metadata | null;
  description?: string;
}

export interface VectorStoreUpdateParams {
  name?: string | null;
  expires_after?: { anchor: 'last_active_at'; days: number } | null;
  metadata?: Metadata | null;
}

export interface VectorStoreListParams extends OrderedListParams {
  before?: string;
}

export interface VectorStoreDeleted {
  id: string;
  object: 'vector_store.deleted';
  deleted: boolean;
}

export type Attributes = Record<string, string | number | boolean>;

export interface VectorStoreFile {
  id: string;
  object: 'vector_store.file';
  created_at: number;
  vector_store_id: string;
  usage_bytes: number;
  status: 'in_progress' | 'completed' | 'cancelled' | 'failed';
  last_error: { code: string; message: string } | null;
  attributes?: Attributes | null;
  chunking_strategy?: unknown;
}

export interface VectorStoreFileCreateParams {
  file_id: string;
  attributes?: Attributes | null;
  chunking_strategy?: ChunkingStrategy;
}

export interface VectorStoreFileListParams extends VectorStoreListParams {
  filter?: 'in_progress' | 'completed' | 'failed' | 'cancelled';
}

export interface VectorStoreFileDeleted {
  id: string;
  object: 'vector_store.file.deleted';
  deleted: boolean;
}

export interface VectorStoreFileContent {
  type: string;
  text: string;
}

export interface VectorStoreFileBatch {
  id: string;
  object: 'vector_store.files_batch';
  created_at: number;
  vector_store_id: string;
  status: 'in_progress' | 'completed' | 'cancelled' | 'failed';
  file_counts: FileCounts;
}

export interface VectorStoreFileBatchCreateParams {
  file_ids?: string[];
  files?: Array<{ file_id: string; attributes?: Attributes | null; chunking_strategy?: ChunkingStrategy }>;
  attributes?: Attributes | null;
  chunking_strategy?: ChunkingStrategy;
}

export type ComparisonFilter = {
  key: string;
  type: 'eq' | 'ne' | 'gt' | 'gte' | 'lt' | 'lte';
  value: unknown;
};
export type CompoundFilter = { type: 'and' | 'or'; filters: Array<ComparisonFilter | CompoundFilter> };

export interface VectorStoreSearchParams {
  query: string | string[];
  filters?: ComparisonFilter | CompoundFilter;
  max_num_results?: number;
  ranking_options?: { ranker?: string; score_threshold?: number };
  rewrite_query?: boolean;
}

export interface VectorStoreSearchResult {
  file_id: string;
  filename: string;
  score: number;
  attributes: Attributes | null;
  content: Array<{ type: 'text'; text: string }>;
}
