import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { PagePromise } from '../pagination.js';
import type { Model } from '../types/models.js';
import type { DeletedObject } from '../types/shared.js';

export class Models {
  constructor(private readonly client: OpenAIClient) {}

  /** All models (one page; `for await` works as for any list). */
  list(options?: RequestOptions): PagePromise<Model> {
    return this.client._list<Model>({ method: 'get', path: '/models', options });
  }

  retrieve(model: string, options?: RequestOptions): APIPromise<Model> {
    return this.client._json({ method: 'get', path: `/models/${encodeURIComponent(model)}`, options });
  }

  /** Deletes a fine-tuned model you own. */
  delete(model: string, options?: RequestOptions): APIPromise<DeletedObject> {
    return this.client._json({ method: 'delete', path: `/models/${encodeURIComponent(model)}`, options });
  }
}
