import { OpenAIHttpError } from '../../engine/errors.js';

/** The Files API's answers to mistakes, worded as the real API words them where we know its wording. */
export const fileErrors = {
  notFound: (id: string, param = 'id') => new OpenAIHttpError(404, `No such File object: ${id}`, { param }),
  missing: (param: string) =>
    new OpenAIHttpError(400, `Missing required parameter: '${param}'.`, {
      param,
      code: 'missing_required_parameter',
    }),
  invalidValue: (param: string, value: unknown, allowed: readonly string[]) =>
    new OpenAIHttpError(
      400,
      `Invalid value: '${String(value)}'. Supported values are: ${allowed.map((a) => `'${a}'`).join(', ')}.`,
      { param, code: 'invalid_value' },
    ),
  notMultipart: (contentType: string | undefined) =>
    new OpenAIHttpError(
      400,
      `Invalid Content-Type header (${contentType || 'none'}), expected multipart/form-data. (HINT: If you're using curl, you can pass -H 'Content-Type: multipart/form-data')`,
    ),
  batchNotJsonl: () => new OpenAIHttpError(400, 'Invalid file format for Batch API. Must be .jsonl'),
  batchNotUtf8: () => new OpenAIHttpError(400, 'Invalid file for Batch API. Must be utf-8 encoded'),
  downloadNotAllowed: (purpose: string) =>
    new OpenAIHttpError(400, `Not allowed to download files of purpose: ${purpose}`),
  /** 413 so SDKs do not retry it: waiting will not make the file smaller. */
  tooLarge: (bytes: number, limit: number, param = 'file') =>
    new OpenAIHttpError(
      413,
      `File is too large: ${bytes} bytes, but the limit is ${limit} bytes. Raise it with the files.maxFileBytes option (--max-file-bytes).`,
      { param, code: 'file_too_large' },
    ),
  storageFull: (used: number, adding: number, limit: number) =>
    new OpenAIHttpError(
      413,
      `openai-mock file storage is full: ${used} bytes are stored and ${adding} more would pass the limit of ${limit} bytes. Delete files (DELETE /v1/files/{file_id}), reset the mock (POST /__mock/reset), or raise files.maxStorageBytes (--max-file-storage).`,
      { code: 'storage_limit_exceeded' },
    ),
};
