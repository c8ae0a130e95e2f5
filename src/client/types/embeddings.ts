export interface EmbeddingCreateParams {
  input: string | string[] | number[] | number[][];
  model: string;
  dimensions?: number;
  /**
   * Left unset, the client asks for `base64` (a quarter of the bytes) and decodes to floats itself, as the
   * official SDK does; set explicitly, the response is returned as the API sent it.
   */
  encoding_format?: 'float' | 'base64';
  user?: string;
}

export interface Embedding {
  object: 'embedding';
  index: number;
  /** Floats; a base64 string only when `encoding_format: 'base64'` was asked for explicitly. */
  embedding: number[] | string;
}

export interface CreateEmbeddingResponse {
  object: 'list';
  data: Embedding[];
  model: string;
  usage: { prompt_tokens: number; total_tokens: number };
}
