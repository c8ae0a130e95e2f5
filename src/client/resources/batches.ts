import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type { Batch, BatchCreateParams, BatchListParams } from '../types/batches.js';

export class Batches {
  constructor(private readonly client: OpenAIClient) {}

  create(body: BatchCreateParams, options?: RequestOptions): APIPromise<Batch> {
    return this.client._json({ method: 'post', path: '/batches', body, options });
  }

  retrieve(batchId: string, options?: RequestOptions): APIPromise<Batch> {
    return this.client._json({ method: 'get', path: `/batches/${encodeURIComponent(batchId)}`, options });
  }

  list(query: BatchListParams = {}, options?: RequestOptions): PagePromise<Batch> {
    return this.client._list<Batch>({ method: 'get', path: '/batches', query: { ...query }, options });
  }

  /** Asks to cancel; the batch passes through `cancelling` before `cancelled`. */
  cancel(batchId: string, options?: RequestOptions): APIPromise<Batch> {
    return this.client._json({
      method: 'post',
      path: `/batches/${encodeURIComponent(batchId)}/cancel`,
      options,
    });
  }
}
