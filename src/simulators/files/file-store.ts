import type { EngineCore } from '../../engine/context.js';
import type { Random } from '../../fixtures/index.js';
import { fileErrors } from './file-errors.js';
import { fileLimits } from './file-options.js';

/** A File as stored: the API object, plus a tombstone flag so list cursors survive deletions. */
export interface StoredFile {
  id: string;
  object: 'file';
  bytes: number;
  created_at: number;
  filename: string;
  purpose: string;
  status: 'processed';
  expires_at?: number;
  deleted?: true;
}

/** Store names: metadata and bytes apart, so listing files never loads their contents. */
export const FILE_STORE = 'files';
export const FILE_DATA_STORE = 'file-data';
export const UPLOAD_PART_DATA_STORE = 'upload-part-data';

/** Batch input files expire after 30 days unless told otherwise, as the real API documents. */
export const BATCH_FILE_TTL_SECONDS = 30 * 24 * 3600;

export const fileMeta = (engine: EngineCore) => engine.stores.store<StoredFile>(FILE_STORE);
export const fileData = (engine: EngineCore) => engine.stores.store<Uint8Array>(FILE_DATA_STORE);

export const nowSeconds = (engine: EngineCore) => Math.floor(engine.clock.now() / 1000);

export function toApiFile(file: StoredFile): Omit<StoredFile, 'deleted'> {
  const { deleted: _deleted, ...api } = file;
  return api;
}

/** A live file, or undefined when it never existed, was deleted, or has expired (on the engine's clock). */
export async function findFile(engine: EngineCore, id: string): Promise<StoredFile | undefined> {
  const file = await fileMeta(engine).get(id);
  if (!file || file.deleted) return undefined;
  if (file.expires_at !== undefined && file.expires_at <= nowSeconds(engine)) {
    await removeFile(engine, file);
    return undefined;
  }
  return file;
}

export async function requireFile(engine: EngineCore, id: string, param?: string): Promise<StoredFile> {
  const file = await findFile(engine, id);
  if (!file) throw fileErrors.notFound(id, param);
  return file;
}

/** Frees the bytes and leaves a tombstone (see StoredFile). */
export async function removeFile(engine: EngineCore, file: StoredFile): Promise<void> {
  await fileData(engine).delete(file.id);
  await fileMeta(engine).set(file.id, { ...file, deleted: true });
}

/** Bytes held by live files and by parts of pending Uploads. Summed from the stores, so shared stores agree. */
export async function storageUsed(engine: EngineCore): Promise<number> {
  const now = nowSeconds(engine);
  let used = 0;
  for (const f of await fileMeta(engine).list()) {
    if (!f.deleted && (f.expires_at === undefined || f.expires_at > now)) used += f.bytes;
  }
  for (const part of await engine.stores.store<Uint8Array>(UPLOAD_PART_DATA_STORE).list())
    used += part.byteLength;
  return used;
}

/** Answers 413 when `adding` bytes would pass a limit. */
export async function checkCapacity(engine: EngineCore, adding: number, param?: string): Promise<void> {
  const { maxFileBytes, maxStorageBytes } = fileLimits.of(engine);
  if (adding > maxFileBytes) throw fileErrors.tooLarge(adding, maxFileBytes, param);
  const used = await storageUsed(engine);
  if (used + adding > maxStorageBytes) throw fileErrors.storageFull(used, adding, maxStorageBytes);
}

export interface NewFile {
  filename: string;
  purpose: string;
  data: Uint8Array;
  /** Seconds after creation; batch files default to 30 days, others never expire. */
  expiresAfterSeconds?: number | undefined;
  random: Random;
}

/** Stores a new file (bytes kept exactly) after the size checks. */
export async function saveFile(engine: EngineCore, init: NewFile): Promise<StoredFile> {
  await checkCapacity(engine, init.data.byteLength);
  const ttl = init.expiresAfterSeconds ?? (init.purpose === 'batch' ? BATCH_FILE_TTL_SECONDS : undefined);
  const file: StoredFile = {
    id: engine.ids.next('file', init.random),
    object: 'file',
    bytes: init.data.byteLength,
    created_at: engine.timestamp(),
    filename: init.filename,
    purpose: init.purpose,
    status: 'processed',
    ...(ttl !== undefined && { expires_at: nowSeconds(engine) + ttl }),
  };
  await fileData(engine).set(file.id, init.data);
  await fileMeta(engine).set(file.id, file);
  return file;
}
