import type { FileObject } from './files.js';

export interface Upload {
  id: string;
  object: 'upload';
  bytes: number;
  created_at: number;
  expires_at: number;
  filename: string;
  purpose: string;
  status: 'pending' | 'completed' | 'cancelled' | 'expired';
  /** The file made from the parts, once completed. */
  file?: FileObject | null;
}

export interface UploadCreateParams {
  bytes: number;
  filename: string;
  mime_type: string;
  purpose: 'assistants' | 'batch' | 'fine-tune' | 'vision' | 'user_data' | 'evals' | (string & {});
  expires_after?: { anchor: 'created_at'; seconds: number };
}

export interface UploadPart {
  id: string;
  object: 'upload.part';
  created_at: number;
  upload_id: string;
}

export interface UploadCompleteParams {
  /** Part ids in the order their bytes go into the file. */
  part_ids: string[];
  md5?: string;
}
