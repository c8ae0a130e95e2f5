import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { Stream, StreamCompletion } from '../stream.js';
import type {
  ImageEditParams,
  ImageGenerateParams,
  ImageStreamEvent,
  ImagesResponse,
  ImageVariationParams,
} from '../types/images.js';
import { multipartBody } from '../uploads.js';

/** A streamed image is whole at its `completed` event (one per image). */
const IMAGE_COMPLETED: StreamCompletion = {
  kind: 'terminal-event',
  types: ['image_generation.completed', 'image_edit.completed'],
};

export class Images {
  constructor(private readonly client: OpenAIClient) {}

  /** `stream: true` resolves to a Stream of `partial_image` events, then `completed`. */
  generate(
    body: ImageGenerateParams & { stream?: false | null },
    options?: RequestOptions,
  ): APIPromise<ImagesResponse>;
  generate(
    body: ImageGenerateParams & { stream: true },
    options?: RequestOptions,
  ): APIPromise<Stream<ImageStreamEvent>>;
  generate(
    body: ImageGenerateParams,
    options?: RequestOptions,
  ): APIPromise<ImagesResponse | Stream<ImageStreamEvent>> {
    const call = { method: 'post', path: '/images/generations', body, options } as const;
    if (body.stream) return this.client._stream<ImageStreamEvent>(call, IMAGE_COMPLETED);
    return this.client._json<ImagesResponse>(call);
  }

  /** Multipart: `image` (one or several) and `mask` may be Blobs, bytes, streams or fileFromPath(path). */
  edit(
    body: ImageEditParams & { stream?: false | null },
    options?: RequestOptions,
  ): APIPromise<ImagesResponse>;
  edit(
    body: ImageEditParams & { stream: true },
    options?: RequestOptions,
  ): APIPromise<Stream<ImageStreamEvent>>;
  edit(
    body: ImageEditParams,
    options?: RequestOptions,
  ): APIPromise<ImagesResponse | Stream<ImageStreamEvent>> {
    // Several images go as `image[]`, as the official SDK sends them.
    const { image, ...rest } = body;
    const fields = Array.isArray(image) ? { ...rest, 'image[]': image } : { ...rest, image };
    const call = {
      method: 'post',
      path: '/images/edits',
      body: multipartBody(fields, ['image', 'image[]', 'mask']),
      options,
    } as const;
    if (body.stream) return this.client._stream<ImageStreamEvent>(call, IMAGE_COMPLETED);
    return this.client._json<ImagesResponse>(call);
  }

  createVariation(body: ImageVariationParams, options?: RequestOptions): APIPromise<ImagesResponse> {
    return this.client._json({
      method: 'post',
      path: '/images/variations',
      body: multipartBody({ ...body }, ['image']),
      options,
    });
  }
}
