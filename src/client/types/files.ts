import type { Uploadable } from '../uploads.js';
import type { CursorListParams } from './shared.js';

export type FilePurpose =
  | 'assistants'
  | 'batch'
  | 'fine-tune'
  | 'vision'
  | 'user_data'
  | 'evals'
  | (string & {});

export interface FileObject {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  expires_at?: number | null;
  filename: string;
  purpose: FilePurpose;
  status?: 'uploaded' | 'processed' | 'error';
  status_details?: string | null;
}

export interface FileCreateParams {
  /** A Blob/File, bytes, a web or Node stream, or `fileFromPath(path)`; wrap bytes with `toFile(x, name)` to name them. */
  file: Uploadable;
  purpose: FilePurpose;
  expires_after?: { anchor: 'created_at'; seconds: number };
}

export interface FileListParams extends CursorListParams {
  order?: 'asc' | 'desc';
  purpose?: string;
}
