import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type {
  VectorStore,
  VectorStoreCreateParams,
  VectorStoreDeleted,
  VectorStoreFile,
  VectorStoreFileBatch,
  VectorStoreFileBatchCreateParams,
  VectorStoreFileContent,
  VectorStoreFileCreateParams,
  VectorStoreFileDeleted,
  VectorStoreFileListParams,
  VectorStoreListParams,
  VectorStoreSearchParams,
  VectorStoreSearchResult,
  VectorStoreUpdateParams,
} from '../types/vector-stores.js';

const store = (id: string) => `/vector_stores/${encodeURIComponent(id)}`;
const id = (value: string) => encodeURIComponent(value);

export class VectorStores {
  readonly files: VectorStoreFiles;
  readonly fileBatches: VectorStoreFileBatches;

  constructor(private readonly client: OpenAIClient) {
    this.files = new VectorStoreFiles(client);
    this.fileBatches = new VectorStoreFileBatches(client);
  }

  create(body: VectorStoreCreateParams = {}, options?: RequestOptions): APIPromise<VectorStore> {
    return this.client._json({ method: 'post', path: '/vector_stores', body, options });
  }

  retrieve(vectorStoreId: string, options?: RequestOptions): APIPromise<VectorStore> {
    return this.client._json({ method: 'get', path: store(vectorStoreId), options });
  }

  update(
    vectorStoreId: string,
    body: VectorStoreUpdateParams,
    options?: RequestOptions,
  ): APIPromise<VectorStore> {
    return this.client._json({ method: 'post', path: store(vectorStoreId), body, options });
  }

  list(query: VectorStoreListParams = {}, options?: RequestOptions): PagePromise<VectorStore> {
    return this.client._list({ method: 'get', path: '/vector_stores', query: { ...query }, options });
  }

  delete(vectorStoreId: string, options?: RequestOptions): APIPromise<VectorStoreDeleted> {
    return this.client._json({ method: 'delete', path: store(vectorStoreId), options });
  }

  /** Chunks most relevant to `query` (one page: the API does not paginate search results). */
  search(
    vectorStoreId: string,
    body: VectorStoreSearchParams,
    options?: RequestOptions,
  ): PagePromise<VectorStoreSearchResult> {
    return this.client._list(
      { method: 'post', path: `${store(vectorStoreId)}/search`, body, options },
      false,
    );
  }
}

export class VectorStoreFiles {
  constructor(private readonly client: OpenAIClient) {}

  create(
    vectorStoreId: string,
    body: VectorStoreFileCreateParams,
    options?: RequestOptions,
  ): APIPromise<VectorStoreFile> {
    return this.client._json({ method: 'post', path: `${store(vectorStoreId)}/files`, body, options });
  }

  retrieve(
    fileId: string,
    params: { vector_store_id: string },
    options?: RequestOptions,
  ): APIPromise<VectorStoreFile> {
    return this.client._json({
      method: 'get',
      path: `${store(params.vector_store_id)}/files/${id(fileId)}`,
      options,
    });
  }

  /** Replaces the file's attributes. */
  update(
    fileId: string,
    params: { vector_store_id: string; attributes: VectorStoreFile['attributes'] },
    options?: RequestOptions,
  ): APIPromise<VectorStoreFile> {
    const { vector_store_id, ...body } = params;
    return this.client._json({
      method: 'post',
      path: `${store(vector_store_id)}/files/${id(fileId)}`,
      body,
      options,
    });
  }

  list(
    vectorStoreId: string,
    query: VectorStoreFileListParams = {},
    options?: RequestOptions,
  ): PagePromise<VectorStoreFile> {
    return this.client._list({
      method: 'get',
      path: `${store(vectorStoreId)}/files`,
      query: { ...query },
      options,
    });
  }

  /** Removes the file from the store (the file itself stays in /files). */
  delete(
    fileId: string,
    params: { vector_store_id: string },
    options?: RequestOptions,
  ): APIPromise<VectorStoreFileDeleted> {
    return this.client._json({
      method: 'delete',
      path: `${store(params.vector_store_id)}/files/${id(fileId)}`,
      options,
    });
  }

  /** The parsed text of the file, in chunks. */
  content(
    fileId: string,
    params: { vector_store_id: string },
    options?: RequestOptions,
  ): PagePromise<VectorStoreFileContent> {
    return this.client._list(
      { method: 'get', path: `${store(params.vector_store_id)}/files/${id(fileId)}/content`, options },
      false,
    );
  }
}

export class VectorStoreFileBatches {
  constructor(private readonly client: OpenAIClient) {}

  create(
    vectorStoreId: string,
    body: VectorStoreFileBatchCreateParams,
    options?: RequestOptions,
  ): APIPromise<VectorStoreFileBatch> {
    return this.client._json({ method: 'post', path: `${store(vectorStoreId)}/file_batches`, body, options });
  }

  retrieve(
    batchId: string,
    params: { vector_store_id: string },
    options?: RequestOptions,
  ): APIPromise<VectorStoreFileBatch> {
    return this.client._json({
      method: 'get',
      path: `${store(params.vector_store_id)}/file_batches/${id(batchId)}`,
      options,
    });
  }

  cancel(
    batchId: string,
    params: { vector_store_id: string },
    options?: RequestOptions,
  ): APIPromise<VectorStoreFileBatch> {
    return this.client._json({
      method: 'post',
      path: `${store(params.vector_store_id)}/file_batches/${id(batchId)}/cancel`,
      options,
    });
  }

  listFiles(
    batchId: string,
    params: { vector_store_id: string } & VectorStoreFileListParams,
    options?: RequestOptions,
  ): PagePromise<VectorStoreFile> {
    const { vector_store_id, ...query } = params;
    return this.client._list({
      method: 'get',
      path: `${store(vector_store_id)}/file_batches/${id(batchId)}/files`,
      query,
      options,
    });
  }
}
