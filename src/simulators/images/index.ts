/**
 * `POST /images/generations`, `/images/edits` and `/images/variations`: `n` real, decodable images (small
 * previews with the requested aspect ratio, see encode.ts) as base64 or as stable https URLs (named after
 * the request, so the same request names the same image). DALL·E 3 adds its `revised_prompt`; gpt-image
 * models always answer base64 and report `usage`, `size`, `quality`, `background` and `output_format`, and
 * stream `partial_image` events before `completed` when asked.
 */

import type { RequestContext } from '../../engine/context.js';
import { json, type OperationHandler, sse } from '../../engine/handler.js';
import type { MockResponse, MultipartFile, SseEvent } from '../../engine/types.js';
import { countTokens, type Random, randomId } from '../../fixtures/index.js';
import { encodeImage, type Picture, previewSize, type Rgb } from './encode.js';
import { type ImageParams, type Operation, readImageParams } from './params.js';

/** gpt-image output tokens per image, by quality and size (OpenAI's published table). */
const OUTPUT_TOKENS: Record<string, Record<string, number>> = {
  low: { '1024x1024': 272, '1024x1536': 408, '1536x1024': 400 },
  medium: { '1024x1024': 1056, '1024x1536': 1584, '1536x1024': 1568 },
  high: { '1024x1024': 4160, '1024x1536': 6240, '1536x1024': 6208 },
};

const COLOUR_WORDS: Record<string, Rgb> = {
  red: [200, 40, 40],
  orange: [240, 140, 30],
  yellow: [240, 210, 50],
  green: [50, 160, 70],
  blue: [40, 90, 210],
  purple: [130, 60, 180],
  pink: [240, 130, 180],
  brown: [130, 85, 45],
  black: [20, 20, 24],
  white: [245, 245, 240],
  grey: [128, 128, 128],
  gray: [128, 128, 128],
  gold: [212, 175, 55],
  sea: [30, 120, 160],
  ocean: [20, 80, 150],
  sky: [120, 180, 235],
  forest: [30, 100, 50],
  sunset: [250, 120, 60],
  night: [20, 25, 60],
  snow: [235, 240, 250],
};

const LIGHTING = [
  'soft morning light',
  'warm golden-hour light',
  'diffuse overcast light',
  'dramatic side lighting',
  'gentle studio lighting',
];
const COMPOSITION = [
  'a balanced, centred composition',
  'a shallow depth of field',
  'a wide establishing view',
  'rich textures and fine detail',
  'a calm, uncluttered background',
];

function createImages(op: Operation) {
  return async (ctx: RequestContext): Promise<MockResponse> => {
    const params = readImageParams(ctx, op);
    const created = ctx.engine.timestamp();
    const images = Array.from({ length: params.n }, (_, i) =>
      renderImage(params, ctx.random.fork(`image:${i}`)),
    );
    const usage = params.family === 'gpt-image' ? imageUsage(params) : undefined;
    if (params.stream) return sse(streamImages(params, images, created));
    const data = images.map((image) => ({
      ...(params.responseFormat === 'url' ? { url: image.url } : { b64_json: image.b64 }),
      ...(image.revisedPrompt !== undefined && { revised_prompt: image.revisedPrompt }),
    }));
    if (params.family !== 'gpt-image') return json({ created, data });
    return json({
      created,
      background: params.background,
      data,
      output_format: params.outputFormat,
      quality: params.quality,
      size: params.size,
      usage,
    });
  };
}

interface RenderedImage {
  b64: string;
  url: string;
  revisedPrompt: string | undefined;
  picture: Picture;
}

function renderImage(params: ImageParams, random: Random): RenderedImage {
  const picture: Picture = {
    ...previewSize(params.width, params.height),
    from: promptColour(params.prompt) ?? colour(random.fork('from')),
    to: colour(random.fork('to')),
    transparent: params.background === 'transparent',
  };
  const b64 = encodeImage(picture, params.outputFormat).toString('base64');
  const name = randomId('img-', random.fork('url'), { length: 24 });
  return {
    b64,
    url: `https://images.openai-mock.invalid/${params.model}/${name}.${params.outputFormat}`,
    revisedPrompt: params.family === 'dall-e-3' ? revise(params, random.fork('revised')) : undefined,
    picture,
  };
}

function colour(random: Random): Rgb {
  return [random.int(20, 235), random.int(20, 235), random.int(20, 235)];
}

/** The first colour word of the prompt ("a red fox", "blue ocean") sets the image's main colour. */
function promptColour(prompt: string): Rgb | undefined {
  for (const word of prompt.toLowerCase().match(/[a-z]+/g) ?? []) {
    const rgb = COLOUR_WORDS[word];
    if (rgb) return rgb;
  }
  return undefined;
}

/** DALL·E 3 rewrites every prompt into a longer, more detailed one before drawing it. */
function revise(params: ImageParams, random: Random): string {
  const subject = params.prompt.trim().replace(/[.!?\s]+$/, '');
  const look = params.style === 'natural' ? 'a natural, true-to-life' : 'a vivid, hyper-real';
  return `${subject[0]?.toUpperCase() ?? ''}${subject.slice(1)}, shown in ${look} style with ${random.pick(LIGHTING)}, ${random.pick(COMPOSITION)}.`;
}

function imageUsage(params: ImageParams, images = params.n) {
  const textTokens = params.prompt ? countTokens(params.prompt, 'gpt-4o') : 0;
  const imageTokens = params.images.reduce((sum, file) => sum + inputImageTokens(file), 0);
  const output = (OUTPUT_TOKENS[params.quality]?.[params.size] ?? 4160) * images;
  return {
    input_tokens: textTokens + imageTokens,
    input_tokens_details: { image_tokens: imageTokens, text_tokens: textTokens },
    output_tokens: output,
    total_tokens: textTokens + imageTokens + output,
  };
}

/**
 * An input image billed like a vision input: scaled to fit 2048×2048, then its short side to 768, and
 * counted as 85 + 170 per 512-pixel tile. PNG dimensions are read from the file; others count as 1024².
 */
function inputImageTokens(file: MultipartFile): number {
  const d = file.data;
  const isPng = d.length >= 24 && d[0] === 0x89 && d[1] === 0x50 && d[2] === 0x4e && d[3] === 0x47;
  const view = new DataView(d.buffer, d.byteOffset, d.byteLength);
  let w = isPng ? view.getUint32(16) : 1024;
  let h = isPng ? view.getUint32(20) : 1024;
  if (w <= 0 || h <= 0) [w, h] = [1024, 1024];
  const fit = Math.min(1, 2048 / Math.max(w, h));
  w *= fit;
  h *= fit;
  const short = Math.min(1, 768 / Math.min(w, h));
  w *= short;
  h *= short;
  return 85 + 170 * Math.ceil(w / 512) * Math.ceil(h / 512);
}

async function* streamImages(
  params: ImageParams,
  images: RenderedImage[],
  created: number,
): AsyncGenerator<SseEvent> {
  const prefix = params.op === 'edit' ? 'image_edit' : 'image_generation';
  const common = {
    created_at: created,
    size: params.size,
    quality: params.quality,
    background: params.background,
    output_format: params.outputFormat,
  };
  for (const image of images) {
    for (let k = 0; k < params.partialImages; k++) {
      // A partial image is the final one still coming into focus: drawn here as a paler version.
      const f = (v: number) => Math.round(v + (255 - v) * (1 - (k + 1) / (params.partialImages + 1)));
      const pale = (c: Rgb): Rgb => [f(c[0]), f(c[1]), f(c[2])];
      const partial = encodeImage(
        { ...image.picture, from: pale(image.picture.from), to: pale(image.picture.to) },
        params.outputFormat,
      );
      const type = `${prefix}.partial_image`;
      yield {
        event: type,
        data: { type, b64_json: partial.toString('base64'), ...common, partial_image_index: k },
      };
    }
    const type = `${prefix}.completed`;
    yield { event: type, data: { type, b64_json: image.b64, ...common, usage: imageUsage(params, 1) } };
  }
}

export const imageHandlers: OperationHandler[] = [
  {
    operationId: 'createImage',
    method: 'POST',
    path: '/images/generations',
    streaming: true,
    handle: createImages('generate'),
  },
  {
    operationId: 'createImageEdit',
    method: 'POST',
    path: '/images/edits',
    streaming: true,
    handle: createImages('edit'),
  },
  {
    operationId: 'createImageVariation',
    method: 'POST',
    path: '/images/variations',
    handle: createImages('variation'),
  },
];
