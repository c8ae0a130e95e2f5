import type { EngineCore } from '../../engine/context.js';
import { OpenAIHttpError } from '../../engine/errors.js';
import { nowSeconds, type StoredFile, toApiFile, UPLOAD_PART_DATA_STORE } from '../files/file-store.js';

export type UploadStatus = 'pending' | 'completed' | 'cancelled' | 'expired';

/** The API's Upload object. */
export interface UploadObject {
  id: string;
  object: 'upload';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: UploadStatus;
  expires_at: number;
  file: ReturnType<typeof toApiFile> | null;
}

/**
 * What we keep beside it: the policy for the file it will become. Parts are stored one key each (found by
 * `upload_id`), so parts sent in parallel cannot overwrite one another's bookkeeping.
 */
export interface UploadRecord {
  upload: UploadObject;
  mimeType: string;
  fileExpiresAfterSeconds: number | undefined;
}

export interface UploadPart {
  id: string;
  object: 'upload.part';
  created_at: number;
  upload_id: string;
}

/** An Upload accepts parts for an hour, as the real API's do. */
export const UPLOAD_TTL_SECONDS = 3600;
/** The real API's limit per part. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;

export const uploads = (engine: EngineCore) => engine.stores.store<UploadRecord>('uploads');
export const uploadParts = (engine: EngineCore) => engine.stores.store<UploadPart>('upload-parts');
export const partData = (engine: EngineCore) => engine.stores.store<Uint8Array>(UPLOAD_PART_DATA_STORE);

/** The record, with a pending Upload past its hour turned `expired` (and its parts' bytes freed). */
export async function requireUpload(engine: EngineCore, id: string): Promise<UploadRecord> {
  const record = await uploads(engine).get(id);
  if (!record) throw new OpenAIHttpError(404, `No such Upload object: ${id}`, { param: 'upload_id' });
  if (record.upload.status === 'pending' && record.upload.expires_at <= nowSeconds(engine)) {
    return finish(engine, record, 'expired');
  }
  return record;
}

/** The parts added to an Upload, oldest first. */
export async function partsOf(engine: EngineCore, uploadId: string): Promise<UploadPart[]> {
  return (await uploadParts(engine).list()).filter((p) => p.upload_id === uploadId);
}

/** Moves an Upload out of `pending` and frees its parts. */
export async function finish(
  engine: EngineCore,
  record: UploadRecord,
  status: UploadStatus,
  file?: StoredFile,
): Promise<UploadRecord> {
  for (const part of await partsOf(engine, record.upload.id)) {
    await partData(engine).delete(part.id);
    await uploadParts(engine).delete(part.id);
  }
  const next: UploadRecord = {
    ...record,
    upload: { ...record.upload, status, file: file ? toApiFile(file) : record.upload.file },
  };
  await uploads(engine).set(record.upload.id, next);
  return next;
}

export function requirePending(record: UploadRecord, action: string): void {
  const status = record.upload.status;
  if (status !== 'pending')
    throw new OpenAIHttpError(
      400,
      `Cannot ${action} Upload ${record.upload.id}: its status is '${status}', and only pending Uploads accept that.`,
      {
        param: 'upload_id',
      },
    );
}
