import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type { FileCreateParams, FileListParams, FileObject } from '../types/files.js';
import type { DeletedObject } from '../types/shared.js';
import { multipartBody } from '../uploads.js';

export class Files {
  constructor(private readonly client: OpenAIClient) {}

  /** Uploads as multipart/form-data; `file` may be a Blob, bytes, a stream or `fileFromPath(path)`. */
  create(body: FileCreateParams, options?: RequestOptions): APIPromise<FileObject> {
    const { expires_after, ...fields } = body;
    const form = multipartBody(
      {
        ...fields,
        ...(expires_after
          ? { 'expires_after[anchor]': expires_after.anchor, 'expires_after[seconds]': expires_after.seconds }
          : {}),
      },
      ['file'],
    );
    return this.client._json({ method: 'post', path: '/files', body: form, options });
  }

  retrieve(fileId: string, options?: RequestOptions): APIPromise<FileObject> {
    return this.client._json({ method: 'get', path: `/files/${encodeURIComponent(fileId)}`, options });
  }

  list(query: FileListParams = {}, options?: RequestOptions): PagePromise<FileObject> {
    return this.client._list<FileObject>({ method: 'get', path: '/files', query: { ...query }, options });
  }

  delete(fileId: string, options?: RequestOptions): APIPromise<DeletedObject> {
    return this.client._json({ method: 'delete', path: `/files/${encodeURIComponent(fileId)}`, options });
  }

  /** The file's bytes as a fetch Response (read it with `.text()`, `.arrayBuffer()` or `.body`). */
  content(fileId: string, options?: RequestOptions): APIPromise<Response> {
    const headers = { accept: 'application/binary', ...options?.headers };
    return this.client._raw({
      method: 'get',
      path: `/files/${encodeURIComponent(fileId)}/content`,
      options: { ...options, headers },
    });
  }
}
