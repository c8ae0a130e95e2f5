import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { ModerationCreateParams, ModerationCreateResponse } from '../types/moderations.js';

export class Moderations {
  constructor(private readonly client: OpenAIClient) {}

  create(body: ModerationCreateParams, options?: RequestOptions): APIPromise<ModerationCreateResponse> {
    return this.client._json({ method: 'post', path: '/moderations', body, options });
  }
}
