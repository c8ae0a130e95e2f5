import { fileErrors } from './file-errors.js';

/** Purposes a client may upload with (the `*_output` / `*-results` ones are the API's own). */
export const FILE_PURPOSES = ['assistants', 'batch', 'fine-tune', 'vision', 'user_data', 'evals'] as const;

const utf8 = new TextDecoder('utf-8', { fatal: true });

/**
 * What the real API checks of a file's contents at upload, per purpose. For `batch`: a `.jsonl` name and
 * UTF-8 text. Line-level problems (bad JSON, missing `custom_id`) are reported later by the batch itself,
 * in its `errors`, as the real API does.
 */
export function checkFileForPurpose(purpose: string, filename: string, data: Uint8Array): void {
  if (purpose !== 'batch') return;
  if (!filename.toLowerCase().endsWith('.jsonl')) throw fileErrors.batchNotJsonl();
  try {
    utf8.decode(data);
  } catch {
    throw fileErrors.batchNotUtf8();
  }
}
