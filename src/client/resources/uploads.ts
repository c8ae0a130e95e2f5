import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import { OpenAIClientError } from '../errors.js';
import type { RequestOptions } from '../options.js';
import type { Upload, UploadCompleteParams, UploadCreateParams, UploadPart } from '../types/uploads.js';
import { multipartBody, type Uploadable } from '../uploads.js';

const at = (id: string) => `/uploads/${encodeURIComponent(id)}`;

/** 64 MB, the API's largest part. */
export const MAX_PART_BYTES = 64 * 1024 * 1024;

export interface UploadFileParams extends Omit<UploadCreateParams, 'bytes' | 'filename' | 'mime_type'> {
  /** A Blob or File (in memory, or file-backed from `fs.openAsBlob`), or a path on disk. */
  file: Blob | { kind: 'path'; path: string };
  filename?: string;
  /** @default the Blob's type, else 'application/octet-stream' */
  mime_type?: string;
  /** @default 64 MB */
  partSize?: number;
}

export class Uploads {
  readonly parts: {
    create: (
      uploadId: string,
      body: { data: Uploadable },
      options?: RequestOptions,
    ) => APIPromise<UploadPart>;
  };

  constructor(private readonly client: OpenAIClient) {
    this.parts = {
      create: (uploadId, body, options) =>
        client._json({
          method: 'post',
          path: `${at(uploadId)}/parts`,
          body: multipartBody(body, ['data']),
          options,
        }),
    };
  }

  create(body: UploadCreateParams, options?: RequestOptions): APIPromise<Upload> {
    return this.client._json({ method: 'post', path: '/uploads', body, options });
  }

  complete(uploadId: string, body: UploadCompleteParams, options?: RequestOptions): APIPromise<Upload> {
    return this.client._json({ method: 'post', path: `${at(uploadId)}/complete`, body, options });
  }

  cancel(uploadId: string, options?: RequestOptions): APIPromise<Upload> {
    return this.client._json({ method: 'post', path: `${at(uploadId)}/cancel`, options });
  }

  /**
   * Uploads a large file in parts (create, one part per `partSize` slice, complete) and resolves to the
   * completed Upload with its `file`. Slices of a file-backed Blob are read from disk as each part is sent,
   * so memory stays at about one part in flight; each part is retried on its own.
   */
  async uploadFile(params: UploadFileParams, options?: RequestOptions): Promise<Upload> {
    const { file, filename, mime_type, partSize = MAX_PART_BYTES, ...rest } = params;
    if (!(partSize > 0 && partSize <= MAX_PART_BYTES))
      throw new OpenAIClientError(
        `uploads.uploadFile: partSize must be between 1 and ${MAX_PART_BYTES} bytes, got ${partSize}`,
      );
    const blob =
      file instanceof Blob
        ? file
        : await (await import('node:fs')).openAsBlob((file as { path: string }).path);
    const name =
      filename ??
      (file instanceof File ? file.name : 'path' in file ? file.path.split(/[\\/]/).pop() : undefined);
    if (!name) throw new OpenAIClientError('uploads.uploadFile: pass filename (a Blob has no name)');
    const upload = await this.create(
      {
        ...rest,
        bytes: blob.size,
        filename: name,
        mime_type: mime_type || blob.type || 'application/octet-stream',
      },
      options,
    );
    const partIds: string[] = [];
    for (let start = 0; start < blob.size || (start === 0 && blob.size === 0); start += partSize) {
      const part = await this.parts.create(upload.id, { data: blob.slice(start, start + partSize) }, options);
      partIds.push(part.id);
      if (blob.size === 0) break;
    }
    return this.complete(upload.id, { part_ids: partIds }, options);
  }
}
