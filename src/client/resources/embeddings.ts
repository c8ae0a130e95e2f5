import type { APIPromise } from '../api-promise.js';
import type { OpenAIClient } from '../client.js';
import type { RequestOptions } from '../options.js';
import type { CreateEmbeddingResponse, EmbeddingCreateParams } from '../types/embeddings.js';

export class Embeddings {
  constructor(private readonly client: OpenAIClient) {}

  /**
   * Without `encoding_format`, asks for base64 (4 bytes per float instead of ~10 characters of JSON)
   * and decodes to numbers, as the official SDK does; with it, returns the API's answer untouched.
   */
  create(body: EmbeddingCreateParams, options?: RequestOptions): APIPromise<CreateEmbeddingResponse> {
    const decode = body.encoding_format === undefined;
    return this.client
      ._json<CreateEmbeddingResponse>({
        method: 'post',
        path: '/embeddings',
        body: decode ? { ...body, encoding_format: 'base64' } : body,
        options,
      })
      ._thenUnwrap((response) => {
        if (decode) {
          for (const item of response.data ?? []) {
            if (typeof item.embedding === 'string') item.embedding = decodeFloat32Base64(item.embedding);
          }
        }
        return response;
      });
  }
}

/** Base64 of little-endian float32 values (the API's format) -> numbers. Works without Buffer. */
export function decodeFloat32Base64(base64: string): number[] {
  const binary = atob(base64);
  const view = new DataView(new ArrayBuffer(binary.length));
  for (let i = 0; i < binary.length; i++) view.setUint8(i, binary.charCodeAt(i));
  const out = new Array<number>(Math.floor(binary.length / 4));
  for (let i = 0; i < out.length; i++) out[i] = view.getFloat32(i * 4, true);
  return out;
}
