export interface Image {
  b64_json?: string;
  url?: string;
  revised_prompt?: string;
}

export interface ImagesResponse {
  created: number;
  data?: Image[];
  background?: 'transparent' | 'opaque';
  output_format?: 'png' | 'webp' | 'jpeg';
  quality?: 'low' | 'medium' | 'high';
  size?: string;
  usage?: {
    input_tokens: number;
    output_tokens: number;
    total_tokens: number;
    input_tokens_details?: { image_tokens: number; text_tokens: number };
  };
}

interface ImageOptions {
  model?: string;
  n?: number | null;
  size?: string | null;
  quality?: 'standard' | 'hd' | 'low' | 'medium' | 'high' | 'auto' | null;
  response_format?: 'url' | 'b64_json' | null;
  output_format?: 'png' | 'jpeg' | 'webp' | null;
  output_compression?: number | null;
  background?: 'transparent' | 'opaque' | 'auto' | null;
  moderation?: 'low' | 'auto' | null;
  style?: 'vivid' | 'natural' | null;
  user?: string;
  /** With `stream: true`: how many partial images come before each final one (0 to 3). */
  partial_images?: number | null;
}

export interface ImageGenerateParams extends ImageOptions {
  prompt: string;
  stream?: boolean | null;
}

export interface ImageEditParams extends ImageOptions {
  prompt: string;
  /** One image, or several (gpt-image-1): a Blob, bytes, a stream or fileFromPath(path). */
  image: unknown;
  mask?: unknown;
  input_fidelity?: 'high' | 'low' | null;
  stream?: boolean | null;
}

export interface ImageVariationParams extends Omit<ImageOptions, 'partial_images'> {
  image: unknown;
}

/** One event of a streamed generation or edit. */
export interface ImageStreamEvent {
  type:
    | 'image_generation.partial_image'
    | 'image_generation.completed'
    | 'image_edit.partial_image'
    | 'image_edit.completed';
  b64_json: string;
  created_at: number;
  size: string;
  quality: string;
  background: string;
  output_format: string;
  partial_image_index?: number;
  usage?: ImagesResponse['usage'];
}
